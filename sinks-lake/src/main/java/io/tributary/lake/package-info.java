/**
 * The Parquet lake sink: copies a Kafka topic into {@code <lakeRoot>/<table>/dt=YYYY-MM-DD[/hour=HH]/}
 * with every record in exactly one visible file.
 *
 * <p>Public API: {@link io.tributary.lake.LakeTable} (with {@link io.tributary.lake.LakeColumn},
 * {@link io.tributary.lake.ColumnType}, {@link io.tributary.lake.PartitionGranularity},
 * {@link io.tributary.lake.RollPolicy}), {@link io.tributary.lake.LakeSink} and
 * {@link io.tributary.lake.LakeListener}. The sub-packages each do one job:
 * {@code mapping} turns a record into a row or a dead-letter reason, {@code file} names, writes and
 * renames files, {@code batch} holds the open files of one Kafka partition and decides when they
 * roll, {@code commit} makes them visible and only then commits offsets.
 *
 * <p>Protocol: a file is written under a hidden temporary name, renamed atomically to
 * {@code <topic>+<partition>+<first offset>.parquet}, and only after all files of a Kafka
 * partition's batch are renamed (and its dead letters acknowledged) is the offset committed. A
 * restart replays from the committed offset and rewrites the same names. Known limits:
 * <ul>
 *   <li>changing the table's partitioning or columns while offsets are uncommitted can leave an
 *       old file beside its rewritten replacement;</li>
 *   <li>a member that lost its partitions without noticing (a long GC pause past the session
 *       timeout) may still rename one file after the new owner wrote it; the new owner deletes
 *       stale temporary files on assignment, which makes the old member's rename fail in most cases;</li>
 *   <li>dead letters are at least once: a replay sends them again, with the same
 *       {@code tributary_dlq_topic/partition/offset} headers to deduplicate by.</li>
 * </ul>
 */
package io.tributary.lake;
