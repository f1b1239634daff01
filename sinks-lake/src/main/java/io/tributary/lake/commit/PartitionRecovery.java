package io.tributary.lake.commit;

import io.tributary.lake.LakeListener;
import io.tributary.lake.storage.LakeStorage;
import io.tributary.lake.storage.StagedFile;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out a {@link RecoveryPlan} for each newly assigned partition: rolls its committed
 * manifest forward and clears away everything uncommitted that earlier owners left behind
 * (orphaned temporary files and uploads, stale manifests).
 */
final class PartitionRecovery {

    private static final Logger LOG = LoggerFactory.getLogger(PartitionRecovery.class);

    private final Consumer<?, ?> consumer;
    private final LakeStorage storage;
    private final ManifestStore manifests;
    private final LakeListener listener;
    private final String table;

    PartitionRecovery(Consumer<?, ?> consumer, LakeStorage storage, ManifestStore manifests, LakeListener listener,
                      String table) {
        this.consumer = consumer;
        this.storage = storage;
        this.manifests = manifests;
        this.listener = listener;
        this.table = table;
    }

    void recover(Collection<TopicPartition> assigned) throws IOException {
        if (assigned.isEmpty()) {
            return;
        }
        Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(new HashSet<>(assigned));
        List<StagedFile> leftovers = storage.listStaged(table + "/");
        for (TopicPartition partition : assigned) {
            Optional<String> committedId = CommitReference.commitId(committed.get(partition));
            RecoveryPlan plan = RecoveryPlan.decide(committedId, readManifests(partition, committedId),
                    leftovers.stream().filter(file -> belongsTo(file, partition)).toList());
            apply(partition, plan);
        }
    }

    private Map<String, CommitManifest> readManifests(TopicPartition partition, Optional<String> committedId)
            throws IOException {
        Map<String, CommitManifest> found = new LinkedHashMap<>();
        for (String id : manifests.list(partition)) {
            try {
                manifests.read(partition, id).ifPresent(manifest -> found.put(id, manifest));
            } catch (IOException unreadable) {
                if (committedId.filter(id::equals).isPresent()) {
                    throw unreadable; // its rows are committed: never skip them
                }
                LOG.warn("Lake table '{}': deleting unreadable uncommitted manifest {} of {}: {}", table, id, partition,
                        unreadable.getMessage());
                manifests.delete(partition, id);
            }
        }
        return found;
    }

    private void apply(TopicPartition partition, RecoveryPlan plan) throws IOException {
        if (plan.rollForward().isPresent()) {
            CommitManifest manifest = plan.rollForward().get();
            for (StagedFile file : RecoveryPlan.stagedFiles(manifest)) {
                try {
                    storage.publish(file);
                } catch (FileNotFoundException e) {
                    throw new IllegalStateException("Lake table '" + table + "': the offsets of commit "
                            + manifest.commitId() + " of " + partition + " are committed but its file " + file.path()
                            + " is neither staged nor published; its rows are missing from the lake", e);
                }
            }
            manifests.delete(partition, manifest.commitId());
            for (CommitManifest.FileEntry file : manifest.files()) {
                listener.fileCommitted(table, Path.of(file.path()), file.records());
            }
            LOG.info("Lake table '{}': finished commit {} of {} (offsets {} to {}) that the previous owner left"
                            + " unpublished: {} file(s) published", table, manifest.commitId(), partition,
                    manifest.firstOffset(), manifest.nextOffset(), manifest.files().size());
        }
        for (StagedFile file : plan.filesToDiscard()) {
            storage.discard(file);
        }
        for (String id : plan.manifestsToDelete()) {
            manifests.delete(partition, id);
        }
        if (!plan.filesToDiscard().isEmpty() || !plan.manifestsToDelete().isEmpty()) {
            LOG.info("Lake table '{}': discarded {} uncommitted staged file(s) and {} uncommitted manifest(s) of {}"
                    + " left by an earlier owner; their records are read again", table, plan.filesToDiscard().size(),
                    plan.manifestsToDelete().size(), partition);
        }
    }

    /**
     * Whether a staged leftover belongs to the partition: a data file named
     * {@code <topic>+<partition>+<offset>.parquet}, or a half-written manifest in its folder.
     */
    private boolean belongsTo(StagedFile file, TopicPartition partition) {
        String path = file.path();
        if (path.startsWith(manifests.folder(partition))) {
            return true;
        }
        if (path.startsWith(table + "/_tributary/")) {
            return false;
        }
        String name = path.substring(path.lastIndexOf('/') + 1);
        return name.startsWith(partition.topic() + "+" + partition.partition() + "+") && name.endsWith(".parquet");
    }
}
