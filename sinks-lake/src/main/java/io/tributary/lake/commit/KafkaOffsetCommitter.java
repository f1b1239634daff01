package io.tributary.lake.commit;

import io.tributary.lake.LakeListener;
import io.tributary.lake.storage.LakeStorage;
import io.tributary.lake.storage.StagedFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.FencedInstanceIdException;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Commits plain Parquet tables with the offsets in Kafka's consumer group.
 *
 * <p>Protocol, per commit and Kafka partition:
 * <ol>
 *   <li>the batch's files are staged: complete and durable, but invisible;</li>
 *   <li>a manifest naming them is written ({@link ManifestStore});</li>
 *   <li>the offset is committed with a reference to the manifest in its metadata
 *       ({@link CommitReference}); the group coordinator accepts it only from the member that owns
 *       the partition in the current generation, which fences zombies;</li>
 *   <li>the files are published (an atomic rename, a completed upload), then the manifest is deleted.</li>
 * </ol>
 * A new owner ({@link PartitionRecovery}) publishes the files of the manifest the committed offset
 * refers to and discards every other manifest and staged file of the partition.
 *
 * <p>Invariant: a file becomes visible only after the offset commit that covers its rows
 * succeeded, and once that commit succeeded the file is published, by this member or by the
 * partition's next owner. So a record below the committed offset is in exactly one visible file
 * (its commit's), and a record at or above it is in none; the next owner reads it again and
 * writes new files. Dead-lettered records below the committed offset have been acknowledged by
 * the dead-letter topic (at least once there: a replay sends them again).
 */
public final class KafkaOffsetCommitter implements TableCommitter {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaOffsetCommitter.class);

    private final Consumer<?, ?> consumer;
    private final LakeStorage storage;
    private final ManifestStore manifests;
    private final PartitionRecovery recovery;
    private final DeadLetterPublisher deadLetters;
    private final LakeListener listener;
    private final String table;
    private final Map<TopicPartition, List<RolledBatch>> staged = new LinkedHashMap<>();

    /**
     * @param table the table's name, which is also its folder under the storage's root
     */
    public KafkaOffsetCommitter(Consumer<?, ?> consumer, LakeStorage storage, DeadLetterPublisher deadLetters,
                                LakeListener listener, String table) {
        this.consumer = consumer;
        this.storage = storage;
        this.manifests = new ManifestStore(storage, table);
        this.recovery = new PartitionRecovery(consumer, storage, manifests, listener, table);
        this.deadLetters = deadLetters;
        this.listener = listener;
        this.table = table;
    }

    /** Rolls committed work forward and clears the rest; resumes from Kafka's committed offsets. */
    @Override
    public Map<TopicPartition, Long> recover(Collection<TopicPartition> assigned) throws IOException {
        recovery.recover(assigned);
        return Map.of();
    }

    @Override
    public void stage(RolledBatch batch) {
        staged.computeIfAbsent(batch.partition(), p -> new ArrayList<>()).add(batch);
    }

    /** Whether batches wait for {@link #commitStaged()}. */
    public boolean hasStaged() {
        return !staged.isEmpty();
    }

    @Override
    public boolean commitStaged() {
        if (staged.isEmpty()) {
            return true;
        }
        // dead letters below the offsets must be acknowledged before the offsets are committed
        deadLetters.flush();
        CrashPoints.reached("after-stage");
        Map<TopicPartition, List<RolledBatch>> committing = new LinkedHashMap<>(staged);
        // from here the outcome may become unknown: whatever happens, recovery owns this work
        staged.clear();
        Map<TopicPartition, CommitManifest> written = new LinkedHashMap<>();
        Map<TopicPartition, OffsetAndMetadata> offsets = new LinkedHashMap<>();
        try {
            committing.forEach((partition, batches) -> {
                Optional<CommitManifest> manifest = manifestOf(partition, batches);
                manifest.ifPresent(m -> written.put(partition, m));
                RolledBatch last = batches.get(batches.size() - 1);
                offsets.put(partition, new OffsetAndMetadata(last.nextOffset(), last.leaderEpoch(),
                        manifest.map(m -> CommitReference.metadata(m.commitId())).orElse("")));
            });
            for (CommitManifest manifest : written.values()) {
                manifests.write(manifest);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Lake table '" + table + "': writing commit manifests failed", e);
        }
        CrashPoints.pause("after-manifest");
        CrashPoints.reached("after-manifest");
        try {
            commitSync(offsets);
        } catch (CommitFailedException | RebalanceInProgressException | FencedInstanceIdException e) {
            LOG.warn("Lake table '{}': this member was fenced ({}): the group no longer lets it commit {}; discarding"
                    + " their staged files and manifests, nothing of them was published; the partitions' owner reads"
                    + " them again", table, e.getClass().getSimpleName(), offsets.keySet());
            committing.values().forEach(this::discardQuietly);
            written.values().forEach(this::deleteQuietly);
            return false;
        }
        CrashPoints.reached("after-commit");
        publish(written.values());
        return true;
    }

    private Optional<CommitManifest> manifestOf(TopicPartition partition, List<RolledBatch> batches) {
        List<CommitManifest.FileEntry> files = new ArrayList<>();
        for (RolledBatch batch : batches) {
            for (StagedDataFile file : batch.files()) {
                files.add(new CommitManifest.FileEntry(file.file().path(), file.file().token(), file.records()));
            }
        }
        if (files.isEmpty()) {
            return Optional.empty(); // only dead letters: nothing to publish
        }
        return Optional.of(new CommitManifest(UUID.randomUUID().toString(), partition.topic(), partition.partition(),
                batches.get(0).firstOffset(), batches.get(batches.size() - 1).nextOffset(), files));
    }

    /**
     * Publishes committed files. A failure leaves the manifest in place: the offsets are committed,
     * so the partition's next owner (this sink after a restart) publishes them.
     */
    private void publish(Collection<CommitManifest> committed) {
        try {
            for (CommitManifest manifest : committed) {
                for (StagedFile file : RecoveryPlan.stagedFiles(manifest)) {
                    storage.publish(file);
                    CrashPoints.reached("mid-publish");
                }
                manifests.delete(manifest.topicPartition(), manifest.commitId());
                for (CommitManifest.FileEntry file : manifest.files()) {
                    LOG.debug("Lake table '{}': published {} ({} rows)", table, file.path(), file.records());
                    listener.fileCommitted(table, Path.of(file.path()), file.records());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Lake table '" + table + "': publishing committed files failed; the"
                    + " partitions' next owner publishes them from their manifests", e);
        }
    }

    @Override
    public void discard(Collection<TopicPartition> partitions) {
        for (TopicPartition partition : partitions) {
            List<RolledBatch> dropped = staged.remove(partition);
            if (dropped != null) {
                discardQuietly(dropped);
                LOG.info("Lake table '{}': dropped the uncommitted files of {}", table, partition);
            }
        }
    }

    private void discardQuietly(List<RolledBatch> batches) {
        for (RolledBatch batch : batches) {
            for (StagedDataFile file : batch.files()) {
                try {
                    storage.discard(file.file());
                } catch (IOException | RuntimeException e) {
                    LOG.warn("Lake table '{}': could not discard staged file {}; the partition's next owner does",
                            table, file.file().path(), e);
                }
            }
        }
    }

    private void deleteQuietly(CommitManifest manifest) {
        try {
            manifests.delete(manifest.topicPartition(), manifest.commitId());
        } catch (IOException | RuntimeException e) {
            LOG.warn("Lake table '{}': could not delete uncommitted manifest {}; the partition's next owner does",
                    table, manifest.commitId(), e);
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
