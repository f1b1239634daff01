package io.tributary.it.lake;

import io.tributary.lake.ColumnType;
import io.tributary.lake.LakeColumn;
import io.tributary.lake.LakeListener;
import io.tributary.lake.LakeSink;
import io.tributary.lake.LakeTable;
import io.tributary.lake.PartitionGranularity;
import io.tributary.lake.Partitioning;
import io.tributary.lake.RollPolicy;
import io.tributary.lake.TableFormat;
import io.tributary.lake.iceberg.IcebergCatalogSettings;
import io.tributary.lake.storage.local.LocalStorage;
import io.tributary.testkit.HubProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;

/**
 * A hub process that runs only the lake sink of one table, built the way the hub builds it
 * ({@link LakeSink} over a {@link LocalStorage}), so crash tests measure the lake and not a source:
 * the test produces straight into Kafka. Unlike the full hub it takes any Kafka consumer settings from
 * the command line, which lets a test use static membership (a restarted process takes its
 * partitions back at once instead of after the dead one's session timeout; the hub's own
 * {@code lake.instanceId} does the same, see {@link HubKillLoop}, whose kill tests of the whole hub cover plain
 * Parquet and Iceberg tables on local disk) and a shorter session. It starts faster than a hub, which keeps the
 * many-kill tests of every store and the zombie tests short.
 * The table is either Hive-style Parquet folders or an Iceberg table (embedded SQLite catalog under
 * the lake root); nothing else differs.
 *
 * <p>Arguments: {@code <HIVE|ICEBERG> <bootstrap> <lake root> <table> <topic> <maxRecords> <maxAge ms> [key=value ...]}
 * where each {@code key=value} is a Kafka consumer setting. Prints {@value #RUNNING} once
 * started; stops cleanly (final commit) on SIGTERM.
 */
public final class LakeSinkProcess {

    public static final String RUNNING = "lake sink running";
    /** The Iceberg namespace of {@link Format#ICEBERG} tables. */
    static final String ICEBERG_NAMESPACE = "crash";

    enum Format { HIVE, ICEBERG }

    private LakeSinkProcess() {
    }

    /** The table every lake IT writes: seq and temp from the payload, hour folders by the payload's ts. */
    public static LakeTable table(String name, String topic, long maxRecords, Duration maxAge) {
        return new LakeTable(name, topic, topic + ".dlq", PartitionGranularity.HOUR, columns(),
                new RollPolicy(maxRecords, 64L << 20, maxAge), "/ts");
    }

    /** The same columns as an Iceberg table, partitioned by the payload's hour and a bucket of the device. */
    static LakeTable icebergTable(String name, String topic, long maxRecords, Duration maxAge) {
        return new LakeTable(name, topic, topic + ".dlq",
                Partitioning.parse(List.of("hour(event_time)", "bucket(4, device_id)")), columns(),
                new RollPolicy(maxRecords, 64L << 20, maxAge), "/ts", false, LakeTable.DEFAULT_MAX_OPEN_FILES,
                new TableFormat.Iceberg(new IcebergCatalogSettings(null, null, null, ICEBERG_NAMESPACE)));
    }

    private static List<LakeColumn> columns() {
        return List.of(new LakeColumn("seq", ColumnType.LONG, "/seq", true),
                new LakeColumn("temp", ColumnType.DOUBLE, "/temp", true));
    }

    /** A builder for the child JVM of a Hive-style table; add JVM options (crash points) before starting it. */
    static HubProcess.Builder builder(String bootstrap, Path lake, String table, String topic, long maxRecords,
                                      Duration maxAge, Map<String, String> consumerSettings, Path log) {
        return builder(Format.HIVE, bootstrap, lake, table, topic, maxRecords, maxAge, consumerSettings, log);
    }

    /** A builder for the child JVM of an Iceberg table. */
    static HubProcess.Builder icebergBuilder(String bootstrap, Path lake, String table, String topic, long maxRecords,
                                             Duration maxAge, Map<String, String> consumerSettings, Path log) {
        return builder(Format.ICEBERG, bootstrap, lake, table, topic, maxRecords, maxAge, consumerSettings, log);
    }

    private static HubProcess.Builder builder(Format format, String bootstrap, Path lake, String table, String topic,
                                              long maxRecords, Duration maxAge, Map<String, String> consumerSettings,
                                              Path log) {
        List<String> args = new ArrayList<>(List.of(format.name(), bootstrap, lake.toString(), table, topic,
                Long.toString(maxRecords), Long.toString(maxAge.toMillis())));
        consumerSettings.forEach((key, value) -> args.add(key + "=" + value));
        return HubProcess.mainClass(LakeSinkProcess.class.getName(), args.toArray(String[]::new))
                // a quick start matters more than peak speed for processes that live a few seconds
                .jvmArg("-Xmx256m").jvmArg("-XX:TieredStopAtLevel=1").jvmArg("-XX:+UseSerialGC")
                .log(log);
    }

    public static void main(String[] args) throws Exception {
        Map<String, Object> kafka = new HashMap<>();
        kafka.put("bootstrap.servers", args[1]);
        for (int i = 7; i < args.length; i++) {
            int equals = args[i].indexOf('=');
            kafka.put(args[i].substring(0, equals), args[i].substring(equals + 1));
        }
        long maxRecords = Long.parseLong(args[5]);
        Duration maxAge = Duration.ofMillis(Long.parseLong(args[6]));
        Format format = Format.valueOf(args[0]);
        runUntilStopped(listener -> new LakeSink(switch (format) {
            case HIVE -> table(args[3], args[4], maxRecords, maxAge);
            case ICEBERG -> icebergTable(args[3], args[4], maxRecords, maxAge);
        }, Path.of(args[2]), kafka, listener));
    }

    /**
     * The body of a sink process's main: picks the hub's logging, starts the sink {@code newSink} builds
     * (build everything that may log inside it), prints {@value #RUNNING}, and returns when the sink
     * fails or SIGTERM closed it (printing which).
     */
    public static void runUntilStopped(Function<LakeListener, LakeSink> newSink) throws InterruptedException {
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "tributary-logback.xml");
        }
        CountDownLatch stopped = new CountDownLatch(1);
        LakeSink sink = newSink.apply(new LakeListener() {
            @Override
            public void sinkFailed(String name, Throwable cause) {
                System.out.println("lake sink failed: " + cause);
                stopped.countDown();
            }
        });
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            sink.close();
            System.out.println("lake sink stopped");
            stopped.countDown();
        }, "lake-sink-stop"));
        sink.start();
        System.out.println(RUNNING);
        stopped.await();
    }
}
