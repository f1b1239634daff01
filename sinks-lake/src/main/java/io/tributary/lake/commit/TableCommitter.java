package io.tributary.lake.commit;

import java.io.IOException;
import java.util.Collection;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * How rolled batches become visible in a lake table, together with the Kafka offsets they cover.
 * One strategy per table format: {@link KafkaOffsetCommitter} for plain Parquet folders (offsets
 * in Kafka's group, files published after the offset commit), an Iceberg committer for tables
 * (offsets in the snapshot summary). Called on the sink's consumer thread only.
 *
 * <p>Every implementation keeps one invariant: a Kafka record of the table is in exactly one
 * visible file (or snapshot) once its offset counts as committed, and in none before, whatever
 * moment the process dies at; and a member that lost its partitions can never make anything
 * visible for them.
 */
public interface TableCommitter {

    /**
     * Called when partitions are assigned, before any of their records is read: finishes or undoes
     * what an earlier owner left half done (see the implementation) and says where to resume.
     *
     * @return the offset to resume each partition from; a partition that is absent resumes from
     *         the group's committed offset (or the reset policy)
     */
    Map<TopicPartition, Long> recover(Collection<TopicPartition> assigned) throws IOException;

    /**
     * Takes a rolled batch whose files are staged (durable, invisible); it becomes visible with
     * the next successful {@link #commitStaged()}. Batches of one partition arrive in offset order.
     */
    void stage(RolledBatch batch) throws IOException;

    /**
     * Commits every staged batch: afterwards their rows are visible and their offsets committed.
     *
     * @return true when committed (or nothing was staged); false when this member was fenced (a
     *         rebalance or a newer member took its partitions): every staged batch was then
     *         dropped, nothing of it is visible, and the caller must read those partitions again
     *         from the first offset it staged, if it still owns them
     * @throws RuntimeException when the outcome is unknown or the commit failed otherwise; staged
     *         work is then left for {@link #recover} of the next owner to finish or undo
     */
    boolean commitStaged();

    /**
     * Where partitions whose batches a refused {@link #commitStaged()} dropped resume, when that is
     * not their first dropped offset (an Iceberg table another member moved on); a partition that
     * is absent resumes at its first dropped offset.
     */
    default Map<TopicPartition, Long> resumeAfterFence(Collection<TopicPartition> dropped) {
        return Map.of();
    }

    /**
     * Whether files become visible under their final names before the commit that covers them (an Iceberg
     * table: a snapshot refers to published files). Such tables name each attempt's files apart, or a fenced
     * member's publish could replace a file the new owner's commit refers to.
     */
    default boolean publishesBeforeCommit() {
        return false;
    }

    /**
     * Drops the staged, never committed batches of partitions this member no longer owns; their
     * next owner replays them. Work whose commit outcome is unknown is left for {@link #recover}.
     */
    void discard(Collection<TopicPartition> partitions);
}
