package io.tributary.lake.commit;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apache.kafka.common.TopicPartition;

/**
 * The records of one Kafka partition from {@code firstOffset} up to (not including)
 * {@code nextOffset}, every row of which is in one of {@code files} (staged, not yet visible);
 * the others went to the dead-letter topic.
 *
 * @param leaderEpoch the leader epoch of the last record, if the broker reported one, committed
 *                    with the offset so that a truncated log is detected on resume
 */
public record RolledBatch(TopicPartition partition, long firstOffset, long nextOffset,
                          Optional<Integer> leaderEpoch, List<StagedDataFile> files) {

    public RolledBatch {
        Objects.requireNonNull(partition, "partition");
        Objects.requireNonNull(leaderEpoch, "leaderEpoch");
        files = List.copyOf(files);
        if (firstOffset < 0 || nextOffset <= firstOffset) {
            throw new IllegalArgumentException("batch of " + partition + " covers no offsets: ["
                    + firstOffset + ", " + nextOffset + ")");
        }
    }

    /** Rows across all files. */
    public long records() {
        return files.stream().mapToLong(StagedDataFile::records).sum();
    }
}
