package io.tributary.lake.memory;

import com.sun.management.GarbageCollectionNotificationInfo;
import io.tributary.lake.ColumnType;
import io.tributary.lake.LakeColumn;
import io.tributary.lake.LakeListener;
import io.tributary.lake.LakeSink;
import io.tributary.lake.LakeTable;
import io.tributary.lake.PartitionGranularity;
import io.tributary.lake.RollPolicy;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * Runs one lake sink in its own (small-heap) JVM until {@code expected} rows are committed, then
 * prints the heap it needed: {@code HEAP maxAfterGcBytes=... poolPeaksBytes=... gcs=...}. Exits 0
 * when done, 2 when the sink failed or timed out.
 *
 * <p>Arguments: bootstrap servers, topic, table, lake folder, expected rows, maxOpenFiles.
 */
public final class ManyPartitionsSinkMain {

    static final List<LakeColumn> COLUMNS = List.of(
            new LakeColumn("temp", ColumnType.DOUBLE, "/temp", true),
            new LakeColumn("hum", ColumnType.INT, "/hum", false),
            new LakeColumn("status", ColumnType.STRING, "/status", false),
            new LakeColumn("site", ColumnType.STRING, "/site", false),
            new LakeColumn("battery", ColumnType.FLOAT, "/battery", false),
            new LakeColumn("ok", ColumnType.BOOLEAN, "/ok", false));

    private ManyPartitionsSinkMain() {
    }

    public static void main(String[] args) throws Exception {
        String bootstrap = args[0];
        String topic = args[1];
        String tableName = args[2];
        Path lake = Path.of(args[3]);
        long expected = Long.parseLong(args[4]);
        int maxOpenFiles = Integer.parseInt(args[5]);

        AtomicLong maxAfterGc = watchHeapAfterEachGc();
        LakeTable table = new LakeTable(tableName, topic, topic + ".dlq", PartitionGranularity.HOUR, COLUMNS,
                new RollPolicy(1_000_000, 128_000_000L, Duration.ofSeconds(10)), "/ts", false, maxOpenFiles);
        AtomicLong committed = new AtomicLong();
        AtomicLong files = new AtomicLong();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(1);
        LakeListener listener = new LakeListener() {
            @Override
            public void fileCommitted(String t, Path file, long records) {
                files.incrementAndGet();
                if (committed.addAndGet(records) >= expected) {
                    done.countDown();
                }
            }

            @Override
            public void sinkFailed(String t, Throwable cause) {
                failure.set(cause);
                done.countDown();
            }
        };
        boolean finished;
        try (LakeSink sink = new LakeSink(table, lake, Map.of("bootstrap.servers", bootstrap), listener)) {
            sink.start();
            finished = done.await(150, TimeUnit.SECONDS);
        }
        long poolPeaks = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                poolPeaks += pool.getPeakUsage().getUsed();
            }
        }
        long gcs = ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(GarbageCollectorMXBean::getCollectionCount).sum();
        System.out.printf("HEAP maxAfterGcBytes=%d poolPeaksBytes=%d gcs=%d maxHeapBytes=%d committedRows=%d files=%d%n",
                maxAfterGc.get(), poolPeaks, gcs, Runtime.getRuntime().maxMemory(), committed.get(), files.get());
        if (failure.get() != null) {
            failure.get().printStackTrace();
        }
        System.out.flush();
        System.exit(finished && failure.get() == null ? 0 : 2);
    }

    /** The largest heap still in use right after a collection: what the sink really holds. */
    private static AtomicLong watchHeapAfterEachGc() {
        AtomicLong max = new AtomicLong();
        java.util.Set<String> heapPools = new java.util.HashSet<>();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                heapPools.add(pool.getName());
            }
        }
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            ((NotificationEmitter) gc).addNotificationListener((notification, handback) -> {
                if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
                    return;
                }
                GarbageCollectionNotificationInfo info =
                        GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
                long used = info.getGcInfo().getMemoryUsageAfterGc().entrySet().stream()
                        .filter(pool -> heapPools.contains(pool.getKey()))
                        .mapToLong(pool -> pool.getValue().getUsed()).sum();
                max.accumulateAndGet(used, Math::max);
            }, null, null);
        }
        return max;
    }
}
