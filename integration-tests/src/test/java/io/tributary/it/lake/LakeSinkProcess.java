package io.tributary.it.lake;

import io.tributary.lake.ColumnType;
import io.tributary.lake.LakeColumn;
import io.tributary.lake.LakeListener;
import io.tributary.lake.LakeSink;
import io.tributary.lake.LakeTable;
import io.tributary.lake.PartitionGranularity;
import io.tributary.lake.RollPolicy;
import io.tributary.lake.storage.local.LocalStorage;
import io.tributary.testkit.HubProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * A hub process that runs only the lake sink of one table, built the way the hub builds it
 * ({@link LakeSink} over a {@link LocalStorage}), so crash tests measure the lake and not a source:
 * the test produces straight into Kafka. Unlike the full hub it takes Kafka consumer settings from
 * the command line, which lets a test use static membership (a restarted process takes its
 * partitions back at once instead of after the dead one's session timeout) and a shorter session.
 *
 * <p>Arguments: {@code <bootstrap> <lake root> <table> <topic> <maxRecords> <maxAge ms> [key=value ...]}
 * where each {@code key=value} is a Kafka consumer setting. Prints {@code lake sink running} once
 * started; stops cleanly (final commit) on SIGTERM.
 */
public final class LakeSinkProcess {

    static final String RUNNING = "lake sink running";

    private LakeSinkProcess() {
    }

    /** The table every lake IT writes: seq and temp from the payload, hour folders by the payload's ts. */
    static LakeTable table(String name, String topic, long maxRecords, Duration maxAge) {
        return new LakeTable(name, topic, topic + ".dlq", PartitionGranularity.HOUR, List.of(
                new LakeColumn("seq", ColumnType.LONG, "/seq", true),
                new LakeColumn("temp", ColumnType.DOUBLE, "/temp", true)),
                new RollPolicy(maxRecords, 64L << 20, maxAge), "/ts");
    }

    /** A builder for the child JVM; add JVM options (crash points) before starting it. */
    static HubProcess.Builder builder(String bootstrap, Path lake, String table, String topic, long maxRecords,
                                      Duration maxAge, Map<String, String> consumerSettings, Path log) {
        List<String> args = new ArrayList<>(List.of(bootstrap, lake.toString(), table, topic,
                Long.toString(maxRecords), Long.toString(maxAge.toMillis())));
        consumerSettings.forEach((key, value) -> args.add(key + "=" + value));
        return HubProcess.mainClass(LakeSinkProcess.class.getName(), args.toArray(String[]::new))
                // a quick start matters more than peak speed for processes that live a few seconds
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
        System.out.println(RUNNING);
        stopped.await();
    }
}
