package io.tributary.lake.batch;

/** Which limit of a {@link io.tributary.lake.RollPolicy} made a batch roll. */
public enum RollTrigger {
    RECORDS,
    BYTES,
    AGE
}
