package io.tributary.lake;

/**
 * How a lake table's files are grouped into Hive-style folders, always by the event time in UTC.
 */
public enum PartitionGranularity {
    /** One folder per UTC day: {@code dt=2026-11-21}. */
    DAY,
    /** One folder per UTC hour inside its day: {@code dt=2026-11-21/hour=08}. */
    HOUR
}
