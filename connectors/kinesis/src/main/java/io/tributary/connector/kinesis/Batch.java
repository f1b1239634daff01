package io.tributary.connector.kinesis;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.services.kinesis.model.Record;

/** The records of one GetRecords call, and how many of their exchanges completed and failed. */
final class Batch {

    final String shardId;
    final List<Record> records;
    /** Null when the shard is closed and this batch reached its end. */
    final String nextIterator;
    final long millisBehindLatest;
    private final CountDownLatch pending;
    private final AtomicInteger failures = new AtomicInteger();

    Batch(String shardId, List<Record> records, String nextIterator, long millisBehindLatest) {
        this.shardId = shardId;
        this.records = records;
        this.nextIterator = nextIterator;
        this.millisBehindLatest = millisBehindLatest;
        this.pending = new CountDownLatch(records.size());
    }

    void completed(boolean success) {
        if (!success) {
            failures.incrementAndGet();
        }
        pending.countDown();
    }

    /** Waits for every exchange; true when all completed successfully within the timeout. */
    boolean await(Duration timeout) throws InterruptedException {
        return pending.await(timeout.toMillis(), TimeUnit.MILLISECONDS) && failures.get() == 0;
    }

    int failures() {
        return failures.get() + (int) pending.getCount();
    }

    int size() {
        return records.size();
    }
}
