package io.tributary.lake.batch;

import io.tributary.lake.RollPolicy;
import java.util.Objects;
import java.util.Optional;

/** Decides whether a batch must roll now, from its rows, bytes and age. Pure, no clock of its own. */
public final class RollDecider {

    private final RollPolicy policy;
    private final long maxAgeNanos;

    public RollDecider(RollPolicy policy) {
        this.policy = Objects.requireNonNull(policy, "policy");
        long nanos;
        try {
            nanos = policy.maxAge().toNanos();
        } catch (ArithmeticException tooLong) {
            nanos = Long.MAX_VALUE;
        }
        this.maxAgeNanos = nanos;
    }

    /**
     * The first limit reached, checked in the order records, bytes, age; empty when none is.
     * A batch with no records never rolls.
     */
    public Optional<RollTrigger> due(PartitionBatch batch, long nowNanos) {
        if (!batch.hasRecords()) {
            return Optional.empty();
        }
        return due(batch.rows(), batch.dataSize(), batch.ageNanos(nowNanos));
    }

    /** Like {@link #due(PartitionBatch, long)} for the raw figures of a batch that has records. */
    public Optional<RollTrigger> due(long rows, long bytes, long ageNanos) {
        if (rows >= policy.maxRecords()) {
            return Optional.of(RollTrigger.RECORDS);
        }
        if (bytes >= policy.maxBytes()) {
            return Optional.of(RollTrigger.BYTES);
        }
        if (ageNanos >= maxAgeNanos) {
            return Optional.of(RollTrigger.AGE);
        }
        return Optional.empty();
    }

    /** Like {@link #due(PartitionBatch, long)} but only for size limits, which records can reach. */
    public Optional<RollTrigger> dueBySize(PartitionBatch batch) {
        if (!batch.hasRecords()) {
            return Optional.empty();
        }
        return due(batch.rows(), batch.dataSize(), 0L).filter(trigger -> trigger != RollTrigger.AGE);
    }
}
