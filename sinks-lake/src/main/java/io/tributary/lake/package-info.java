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
 * <p>Protocol ({@link io.tributary.lake.commit.KafkaOffsetCommitter}): files are written through a
 * {@link io.tributary.lake.storage.LakeStorage} where readers cannot see them, each named
 * {@code <topic>+<partition>+<first offset>.parquet}; at a roll they are staged (durable, still
 * invisible), a commit manifest naming them is written under {@code <table>/_tributary/pending/},
 * the Kafka offset is committed with a reference to the manifest, and only then are the files
 * published and the manifest deleted. The group coordinator accepts an offset commit only from
 * the partition's owner in the current generation, so a member that lost its partitions can never
 * publish. A new owner publishes the files of the manifest the committed offset refers to and
 * discards every other manifest and staged file of the partition. Known limits:
 * <ul>
 *   <li>dead letters are at least once: a replay sends them again, with the same
 *       {@code tributary_dlq_topic/partition/offset} headers to deduplicate by;</li>
 *   <li>offsets reset by an operator (or a group deleted) while files are visible lead to those
 *       records being written again.</li>
 * </ul>
 */
package io.tributary.lake;
