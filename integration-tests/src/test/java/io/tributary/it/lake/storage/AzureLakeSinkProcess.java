package io.tributary.it.lake.storage;

import io.tributary.lake.ColumnType;
import io.tributary.lake.LakeColumn;
import io.tributary.lake.LakeListener;
import io.tributary.lake.LakeSink;
import io.tributary.lake.LakeTable;
import io.tributary.lake.PartitionGranularity;
import io.tributary.lake.RollPolicy;
import io.tributary.lake.storage.azure.AzureBlobStorage;
import io.tributary.lake.storage.azure.AzureSettings;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/**
 * A child JVM running only the lake sink of one table, writing into Azure Blob through
 * {@link AzureBlobStorage} (as the hub builds it from lake.storage), so a crash test kills the lake
 * and its uploads and nothing else. The connection string comes from {@value #CONNECTION_ENV}.
 *
 * <p>Arguments: {@code <bootstrap> <container> <prefix> <table> <topic> <maxRecords> <maxAge ms>}.
 * Prints {@value #RUNNING} once started; stops cleanly (final commit) on SIGTERM.
 */
public final class AzureLakeSinkProcess {

    static final String RUNNING = "lake sink running";
    static final String CONNECTION_ENV = "LAKE_AZURE_CONNECTION";

    private AzureLakeSinkProcess() {
    }

    static LakeTable table(String name, String topic, long maxRecords, Duration maxAge) {
        return new LakeTable(name, topic, topic + ".dlq", PartitionGranularity.HOUR, List.of(
                new LakeColumn("seq", ColumnType.LONG, "/seq", true),
                new LakeColumn("temp", ColumnType.DOUBLE, "/temp", true)),
                new RollPolicy(maxRecords, 64L << 20, maxAge), "/ts");
    }

    public static void main(String[] args) throws Exception {
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "tributary-logback.xml");
        }
        AzureBlobStorage storage = AzureBlobStorage.open(new AzureSettings(Optional.empty(),
                Optional.of(System.getenv(CONNECTION_ENV)), args[1], args[2], AzureSettings.MIN_BLOCK_SIZE));
        LakeTable table = table(args[3], args[4], Long.parseLong(args[5]), Duration.ofMillis(Long.parseLong(args[6])));
        CountDownLatch stopped = new CountDownLatch(1);
        LakeListener listener = new LakeListener() {
            @Override
            public void sinkFailed(String name, Throwable cause) {
                System.out.println("lake sink failed: " + cause);
                stopped.countDown();
            }
        };
        LakeSink sink = new LakeSink(table, storage, Map.of("bootstrap.servers", args[0],
                "group.instance.id", "azure-crash-sink"), listener);
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
