package io.tributary.lake.commit;

import java.util.List;
import java.util.Objects;
import org.apache.kafka.common.TopicPartition;

/**
 * What one offset commit of one Kafka partition makes visible, written before the commit so that
 * whoever owns the partition next can finish (publish) or undo (discard) it.
 *
 * @param commitId   a random id, also referenced from the committed offset's metadata
 * @param firstOffset the first offset covered
 * @param nextOffset  the offset committed
 * @param files       the staged files, each with the token that publishes it
 */
public record CommitManifest(String commitId, String topic, int partition, long firstOffset, long nextOffset,
                             List<FileEntry> files) {

    /** One staged data file. */
    public record FileEntry(String path, String token, long records) {

        public FileEntry {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(token, "token");
        }
    }

    public CommitManifest {
        Objects.requireNonNull(commitId, "commitId");
        Objects.requireNonNull(topic, "topic");
        files = List.copyOf(files);
    }

    public TopicPartition topicPartition() {
        return new TopicPartition(topic, partition);
    }
}
