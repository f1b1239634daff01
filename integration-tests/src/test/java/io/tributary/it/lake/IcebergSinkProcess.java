package io.tributary.it.lake;

import io.tributary.lake.ColumnType;
import io.tributary.lake.LakeColumn;
import io.tributary.lake.LakeListener;
import io.tributary.lake.LakeSink;
import io.tributary.lake.LakeTable;
import io.tributary.lake.Partitioning;
import io.tributary.lake.RollPolicy;
import io.tributary.lake.TableFormat;
import io.tributary.lake.iceberg.IcebergCatalogSettings;
import io.tributary.testkit.HubProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * A process running only the lake sink of one Iceberg table (embedded SQLite catalog under the
 * lake root), built the way the hub builds it, for crash tests.
 *
 * <p>Arguments: {@code <bootstrap> <lake root> <table> <topic> <maxRecords> <maxAge ms> [key=value ...]}
 * where each {@code key=value} is a Kafka consumer setting. Prints {@code lake sink running} once
 * started; stops cleanly on SIGTERM.
 */
public final class IcebergSinkProcess {

    static final String NAMESPACE = "crash";

    private IcebergSinkProcess() {
    }

    /** seq and temp from the payload, partitioned by the payload's hour and a bucket of the device. */
    static LakeTable table(String name, String topic, long maxRecords, Duration maxAge) {
        return new LakeTable(name, topic, topic + ".dlq",
                Partitioning.parse(List.of("hour(event_time)", "bucket(4, device_id)")),
                List.of(new LakeColumn("seq", ColumnType.LONG, "/seq", true),
                        new LakeColumn("temp", ColumnType.DOUBLE, "/temp", true)),
                new RollPolicy(maxRecords, 64L << 20, maxAge), "/ts", false, LakeTable.DEFAULT_MAX_OPEN_FILES,
                new TableFormat.Iceberg(new IcebergCatalogSettings(null, null, null, NAMESPACE)));
    }

    static HubProcess.Builder builder(String bootstrap, Path lake, String table, String topic, long maxRecords,
                                      Duration maxAge, Map<String, String> consumerSettings, Path log) {
        List<String> args = new ArrayList<>(List.of(bootstrap, lake.toString(), table, topic,
                Long.toString(maxRecords), Long.toString(maxAge.toMillis())));
        consumerSettings.forEach((key, value) -> args.add(key + "=" + value));
        return HubProcess.mainClass(IcebergSinkProcess.class.getName(), args.toArray(String[]::new))
                .jvmArg("-Xmx256m").jvmArg("-XX:TieredStopAtLevel=1").jvmArg("-XX:+UseSerialGC")
                .log(log);
    }

    public static void main(String[] args) throws Exception {
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "tributary-logback.xml");
        }
        Map<String, Object> kafka = new HashMap<>();
        kafka.put("bootstrap.servers", args[0]);
        for (int i = 6; i < args.length; i++) {
            int equals = args[i].indexOf('=');
            kafka.put(args[i].substring(0, equals), args[i].substring(equals + 1));
        }
        LakeTable table = table(args[2], args[3], Long.parseLong(args[4]), Duration.ofMillis(Long.parseLong(args[5])));
        CountDownLatch stopped = new CountDownLatch(1);
        LakeListener listener = new LakeListener() {
            @Override
            public void sinkFailed(String name, Throwable cause) {
                System.out.println("lake sink failed: " + cause);
                stopped.countDown();
            }
        };
        LakeSink sink = new LakeSink(table, Path.of(args[1]), kafka, listener);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            sink.close();
            System.out.println("lake sink stopped");
            stopped.countDown();
        }, "lake-sink-stop"));
        sink.start();
        System.out.println(LakeSinkProcess.RUNNING);
        stopped.await();
    }
}
