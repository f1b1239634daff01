package io.tributary.lake;

import java.time.Duration;
import java.util.Objects;

/**
 * When the open files of one Kafka partition are closed, made visible and their offsets
 * committed: as soon as any one limit is reached.
 *
 * @param maxRecords rows written across the batch's files, at least 1
 * @param maxBytes   the writers' estimate of data written and buffered, at least 1
 * @param maxAge     time since the batch's first record, positive; checked even when no records
 *                   arrive
 */
public record RollPolicy(long maxRecords, long maxBytes, Duration maxAge) {

    public RollPolicy {
        Objects.requireNonNull(maxAge, "roll maxAge");
        if (maxRecords < 1) {
            throw new IllegalArgumentException("roll maxRecords is " + maxRecords + ": it must be at least 1");
        }
        if (maxBytes < 1) {
            throw new IllegalArgumentException("roll maxBytes is " + maxBytes + ": it must be at least 1");
        }
        if (maxAge.isNegative() || maxAge.isZero()) {
            throw new IllegalArgumentException("roll maxAge is " + maxAge + ": it must be positive, e.g. PT60S");
        }
    }
}
