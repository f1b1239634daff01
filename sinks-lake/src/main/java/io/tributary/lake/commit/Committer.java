package io.tributary.lake.commit;

import io.tributary.lake.LakeListener;
import io.tributary.lake.batch.CommittedFile;
import io.tributary.lake.batch.PartitionBatch;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes rolled batches durable and only then commits their Kafka offsets.
 *
 * <p>Invariant: an offset is committed for a partition only after every file holding a row below
 * that offset has been renamed to its final name (and forced to disk), and after every record below
 * it that was dead-lettered has been acknowledged by the dead-letter topic. Files are renamed before
 * the commit, so a crash in between leaves visible files whose offsets are uncommitted; the next
 * sink replays from the committed offset and, because file names depend only on topic, partition
 * and first offset, rewrites the same names and replaces them. Every record therefore ends up in
 * exactly one visible file (dead-lettered records: at least once on the dead-letter topic).
 */
public final class Committer {

    private static final Logger LOG = LoggerFactory.getLogger(Committer.class);

    private final Consumer<?, ?> consumer;
    private final DeadLetterPublisher deadLetters;
    private final LakeListener listener;
    private final String table;
    private final Map<TopicPartition, OffsetAndMetadata> stagedOffsets = new HashMap<>();
    private final Map<TopicPartition, List<CommittedFile>> stagedFiles = new HashMap<>();

    public Committer(Consumer<?, ?> consumer, DeadLetterPublisher deadLetters, LakeListener listener, String table) {
        this.consumer = consumer;
        this.deadLetters = deadLetters;
        this.listener = listener;
        this.table = table;
    }

    /**
     * Completes and renames all files of a rolled batch, then stages its offset for the next
     * {@link #commitStaged()}. The batch must not be written to afterwards.
     */
    public void stage(PartitionBatch batch) throws IOException {
        if (!batch.hasRecords()) {
            return;
        }
        List<CommittedFile> files = batch.commitFiles();
        // files are visible now; from here on their offset may be committed, never before
        TopicPartition partition = batch.topicPartition();
        stagedOffsets.put(partition, new OffsetAndMetadata(batch.nextOffset(), batch.leaderEpoch(), ""));
        stagedFiles.computeIfAbsent(partition, p -> new ArrayList<>()).addAll(files);
    }

    /** Whether offsets are waiting for {@link #commitStaged()}. */
    public boolean hasStaged() {
        return !stagedOffsets.isEmpty();
    }

    /**
     * Flushes the dead-letter producer, then commits all staged offsets synchronously.
     *
     * @return true when committed (or nothing was staged); false when the group was rebalancing or
     *         this member was fenced: the offsets stay staged, to be retried or dropped by
     *         {@link #discard(Collection)} when the partitions turn out to be lost
     * @throws org.apache.kafka.common.KafkaException when the dead-letter topic could not be written
     *         or the commit failed for any other reason
     */
    public boolean commitStaged() {
        if (stagedOffsets.isEmpty()) {
            return true;
        }
        deadLetters.flush();
        Map<TopicPartition, OffsetAndMetadata> offsets = Map.copyOf(stagedOffsets);
        try {
            commitSync(offsets);
        } catch (CommitFailedException | RebalanceInProgressException e) {
            LOG.warn("Lake table '{}': committing offsets {} failed during a rebalance; their files are visible"
                    + " and a replay will rewrite them under the same names ({})", table, offsets, e.getClass().getSimpleName());
            return false;
        }
        List<CommittedFile> files = new ArrayList<>();
        offsets.keySet().forEach(partition -> files.addAll(stagedFiles.getOrDefault(partition, List.of())));
        stagedOffsets.clear();
        stagedFiles.clear();
        for (CommittedFile file : files) {
            LOG.debug("Lake table '{}': committed {} ({} rows)", table, file.path(), file.records());
            listener.fileCommitted(table, file.path(), file.records());
        }
        return true;
    }

    /** Forgets staged offsets of partitions this member no longer owns; their next owner replays them. */
    public void discard(Collection<TopicPartition> partitions) {
        for (TopicPartition partition : partitions) {
            if (stagedOffsets.remove(partition) != null) {
                LOG.info("Lake table '{}': dropped the uncommitted offset of lost partition {}", table, partition);
            }
            stagedFiles.remove(partition);
        }
    }

    /**
     * {@code close()} wakes the consumer up to end a long poll; if the wake-up lands here instead,
     * the commit is simply retried once (the wake-up is one-shot) and the loop stops afterwards.
     */
    private void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets) {
        try {
            consumer.commitSync(offsets);
        } catch (WakeupException wakeup) {
            consumer.commitSync(offsets);
        }
    }
}
