package io.tributary.lake.iceberg;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.iceberg.Table;

/**
 * Expires a lake table's old snapshots, so the data files only they reference (such as those a compaction
 * replaced) are deleted from the lake. The current snapshot is always kept: it holds the table's Kafka offsets,
 * which is all a restart or a fence check reads, so expiring history never changes what the sink resumes from.
 */
public final class IcebergSnapshotExpiry {

    /** What one expiry removed. */
    public record Result(int snapshotsExpired, int filesDeleted) {
    }

    private final Table table;

    public IcebergSnapshotExpiry(Table table) {
        this.table = table;
    }

    /** Expires every snapshot committed before {@code olderThan} except the current one. */
    public Result expireOlderThan(Instant olderThan) {
        table.refresh();
        int before = size(table);
        AtomicInteger deleted = new AtomicInteger();
        table.expireSnapshots()
                .expireOlderThan(olderThan.toEpochMilli())
                .retainLast(1)
                // counted here, deleted as Iceberg would: data files, manifests and manifest lists of expired snapshots
                .deleteWith(location -> {
                    table.io().deleteFile(location);
                    deleted.incrementAndGet();
                })
                .commit();
        table.refresh();
        return new Result(before - size(table), deleted.get());
    }

    private static int size(Table table) {
        int count = 0;
        for (var ignored : table.snapshots()) {
            count++;
        }
        return count;
    }
}
