package io.tributary.lake.iceberg;

import io.tributary.lake.LakeListener;
import io.tributary.lake.commit.CrashPoints;
import io.tributary.lake.commit.RolledBatch;
import io.tributary.lake.commit.StagedDataFile;
import io.tributary.lake.commit.TableCommitter;
import io.tributary.lake.storage.LakeStorage;
import io.tributary.lake.storage.StagedFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.iceberg.AppendFiles;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.exceptions.CommitFailedException;
import org.apache.iceberg.exceptions.ValidationException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Commits rolled batches to an Iceberg table: one snapshot per {@link #commitStaged()} appends all
 * their data files and stores, in its summary, the next Kafka offset of every partition the table
 * has seen ({@link SummaryOffsets}). The snapshot is the source of truth; Kafka's group offsets are
 * committed afterwards for lag monitoring only.
 *
 * <p>Invariant: a batch is appended only if, in the very snapshot the append is based on, the
 * table's offset of each of its partitions is the one this committer last saw there (at
 * {@link #recover} or after its own last commit) and the batch starts at it ({@link OffsetFence}).
 * The check and the append are one optimistic step: the append carries a validator that refuses
 * any other parent snapshot, so a concurrent commit, even of other partitions, makes us re-read
 * the table and check again rather than let Iceberg retry with a stale decision. A zombie (a member
 * that lost its partitions unnoticed) therefore cannot append rows another member already committed.
 */
public final class IcebergCommitter implements TableCommitter, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(IcebergCommitter.class);
    /**
     * How long to keep re-reading the table after concurrent commits (of other partitions, by other
     * members) before giving up; between attempts a growing, randomised pause lets the others finish.
     */
    private static final long RETRY_BUDGET_NANOS = java.util.concurrent.TimeUnit.MINUTES.toNanos(2);
    private static final long MAX_BACKOFF_MILLIS = 1_000;

    private final Table table;
    private final String topic;
    private final LakeStorage storage;
    private final DataFileFactory dataFiles;
    private final Consumer<?, ?> consumer;
    private final LakeListener listener;
    private final String tableName;
    /** Partition -> the table's next offset as this committer last saw it; a null value: none stored. */
    private final Map<Integer, Long> seen = new HashMap<>();
    private final Map<TopicPartition, List<RolledBatch>> staged = new LinkedHashMap<>();
    private java.io.Closeable owned;

    /**
     * @param consumer the sink's consumer, to commit group offsets after each snapshot (lag
     *                 monitoring); null for none
     */
    public IcebergCommitter(Table table, String topic, LakeStorage storage, DataFileFactoryInputs inputs,
                            Consumer<?, ?> consumer, LakeListener listener, String tableName) {
        this.table = table;
        this.topic = topic;
        this.storage = storage;
        this.dataFiles = new DataFileFactory(table, inputs.folders(), inputs.locationOf());
        this.consumer = consumer;
        this.listener = listener == null ? LakeListener.NONE : listener;
        this.tableName = tableName;
    }

    /** Makes {@link #close()} close {@code resource} (the catalog this committer's table came from). */
    IcebergCommitter closing(java.io.Closeable resource) {
        this.owned = resource;
        return this;
    }

    @Override
    public void close() throws IOException {
        if (owned != null) {
            owned.close();
        }
    }

    /** What it takes to describe staged files to Iceberg: folder parsing and storage path → location. */
    public record DataFileFactoryInputs(io.tributary.lake.file.PartitionPathResolver folders,
                                        java.util.function.Function<String, String> locationOf) {
    }

    /**
     * Resumes each assigned partition from the offset the table's latest snapshot holds for it, and
     * discards staging leftovers (temporary files, uploads) of those partitions: Iceberg ignores
     * files no snapshot references, so nothing else needs undoing.
     */
    @Override
    public Map<TopicPartition, Long> recover(Collection<TopicPartition> assigned) throws IOException {
        table.refresh();
        Map<Integer, Long> stored = storedOffsets(table.currentSnapshot());
        Map<TopicPartition, Long> resume = new LinkedHashMap<>();
        for (TopicPartition partition : assigned) {
            if (!partition.topic().equals(topic)) {
                continue;
            }
            Long offset = stored.get(partition.partition());
            seen.put(partition.partition(), offset);
            if (offset != null) {
                resume.put(partition, offset);
            }
        }
        discardLeftovers(assigned);
        LOG.info("Iceberg table {}: resuming {} from snapshot offsets {} (absent: the group's offset)",
                table.name(), assigned, resume);
        return resume;
    }

    private void discardLeftovers(Collection<TopicPartition> assigned) throws IOException {
        for (StagedFile leftover : storage.listStaged(tableName + "/")) {
            if (assigned.stream().anyMatch(partition -> DataFileNames.isOf(leftover.path(), partition))) {
                storage.discard(leftover);
                LOG.info("Iceberg table {}: discarded staging leftover {}", table.name(), leftover.path());
            }
        }
    }

    /** Data files are published before the snapshot that refers to them, so their names differ per attempt. */
    @Override
    public boolean publishesBeforeCommit() {
        return true;
    }

    @Override
    public void stage(RolledBatch batch) {
        List<RolledBatch> batches = staged.computeIfAbsent(batch.partition(), p -> new ArrayList<>());
        if (!batches.isEmpty() && batches.get(batches.size() - 1).nextOffset() != batch.firstOffset()) {
            throw new IllegalStateException("batch " + batch.partition() + " [" + batch.firstOffset() + ", "
                    + batch.nextOffset() + ") does not follow the staged one ending at "
                    + batches.get(batches.size() - 1).nextOffset());
        }
        batches.add(batch);
    }

    @Override
    public boolean commitStaged() {
        if (staged.isEmpty()) {
            return true;
        }
        CrashPoints.pause("iceberg-before-commit");
        CrashPoints.reached("iceberg-before-commit");
        long deadline = System.nanoTime() + RETRY_BUDGET_NANOS;
        List<DataFile> files = null;
        for (int attempt = 1; ; attempt++) {
            table.refresh();
            Snapshot head = table.currentSnapshot();
            Map<Integer, Long> stored = storedOffsets(head);
            Map<TopicPartition, OffsetFence.Verdict> refused = fence(stored);
            if (!refused.isEmpty()) {
                LOG.warn("Iceberg table {}: refusing to commit {}: the table holds offsets {} where this member"
                        + " expected {} (another member committed, or the batch repeats committed rows); dropping"
                        + " every staged batch",
                        table.name(), refused, stored, seen);
                refused.keySet().forEach(partition -> seen.put(partition.partition(), stored.get(partition.partition())));
                dropStaged(List.copyOf(staged.keySet()));
                return false;
            }
            if (files == null) {
                files = publish();
                CrashPoints.reached("iceberg-after-publish");
            }
            Map<Integer, Long> next = new HashMap<>();
            staged.forEach((partition, batches) ->
                    next.put(partition.partition(), batches.get(batches.size() - 1).nextOffset()));
            String commitId = UUID.randomUUID().toString();
            AppendFiles append = table.newAppend();
            files.forEach(append::appendFile);
            append.set(SummaryOffsets.OFFSETS, SummaryOffsets.encode(SummaryOffsets.merge(stored, next)))
                    .set(SummaryOffsets.TOPIC, topic)
                    .set(SummaryOffsets.COMMIT_ID, commitId)
                    .validateWith(new ParentSnapshotValidator(head));
            try {
                append.commit();
            } catch (ValidationException | CommitFailedException concurrent) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Iceberg table " + table.name() + ": " + attempt
                            + " commits in a row lost to concurrent commits", concurrent);
                }
                LOG.debug("Iceberg table {}: a concurrent commit came first ({}); checking again",
                        table.name(), concurrent.getMessage());
                backOff(attempt);
                continue;
            }
            CrashPoints.reached("iceberg-after-commit");
            afterCommit(next, commitId, files);
            return true;
        }
    }

    private static void backOff(int attempt) {
        long ceiling = Math.min(MAX_BACKOFF_MILLIS, 20L << Math.min(attempt, 10));
        try {
            Thread.sleep(java.util.concurrent.ThreadLocalRandom.current().nextLong(ceiling / 2, ceiling + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while retrying an Iceberg commit", e);
        }
    }

    /** Partitions whose staged batches must not be appended on top of {@code stored}. */
    private Map<TopicPartition, OffsetFence.Verdict> fence(Map<Integer, Long> stored) {
        Map<TopicPartition, OffsetFence.Verdict> refused = new LinkedHashMap<>();
        staged.forEach((partition, batches) -> {
            long first = batches.get(0).firstOffset();
            OffsetFence.Verdict verdict = OffsetFence.check(stored.get(partition.partition()),
                    seen.get(partition.partition()), first);
            if (!OffsetFence.commits(verdict)) {
                refused.put(partition, verdict);
            } else if (verdict == OffsetFence.Verdict.COMMIT_AFTER_GAP) {
                LOG.warn("Iceberg table {}: {} resumes at {} after the table's offset {}; the log no longer holds"
                        + " the offsets in between", table.name(), partition, first, stored.get(partition.partition()));
            }
        });
        return refused;
    }

    // files become visible to plain-Parquet readers here, but to Iceberg readers only with the
    // snapshot; publishing is idempotent, so a retried attempt publishes again harmlessly
    private List<DataFile> publish() {
        List<DataFile> files = new ArrayList<>();
        try {
            for (List<RolledBatch> batches : staged.values()) {
                for (RolledBatch batch : batches) {
                    for (StagedDataFile file : batch.files()) {
                        storage.publish(file.file());
                        files.add(dataFiles.dataFile(file));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Iceberg table " + table.name() + ": publishing data files failed", e);
        }
        return files;
    }

    private void afterCommit(Map<Integer, Long> next, String commitId, List<DataFile> files) {
        seen.putAll(next);
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        staged.forEach((partition, batches) -> {
            RolledBatch last = batches.get(batches.size() - 1);
            offsets.put(partition, new OffsetAndMetadata(last.nextOffset(), last.leaderEpoch(), "iceberg:" + commitId));
        });
        staged.clear();
        LOG.debug("Iceberg table {}: committed {} files, offsets {} (commit {})", table.name(), files.size(), next, commitId);
        for (DataFile file : files) {
            listener.fileCommitted(tableName, Path.of(relative(file.location())), file.recordCount());
        }
        if (consumer != null) {
            // the snapshot already holds these offsets; the group's copy only feeds lag monitoring
            consumer.commitAsync(offsets, (committed, failure) -> {
                if (failure != null) {
                    LOG.debug("Iceberg table {}: group offsets (monitoring only) not committed: {}",
                            tableName, failure.toString());
                }
            });
        }
    }

    private String relative(String location) {
        int at = location.indexOf("/" + tableName + "/");
        return at < 0 ? location : location.substring(at + 1);
    }

    /**
     * After a refused commit, each dropped partition resumes from the table's offset, which may lie
     * past the first dropped offset when another member committed in between.
     */
    @Override
    public Map<TopicPartition, Long> resumeAfterFence(Collection<TopicPartition> dropped) {
        Map<TopicPartition, Long> resume = new LinkedHashMap<>();
        for (TopicPartition partition : dropped) {
            Long offset = seen.get(partition.partition());
            if (offset != null) {
                resume.put(partition, offset);
            }
        }
        return resume;
    }

    @Override
    public void discard(Collection<TopicPartition> partitions) {
        dropStaged(partitions);
        partitions.forEach(partition -> seen.remove(partition.partition()));
    }

    private void dropStaged(Collection<TopicPartition> partitions) {
        for (TopicPartition partition : partitions) {
            List<RolledBatch> batches = staged.remove(partition);
            if (batches == null) {
                continue;
            }
            for (RolledBatch batch : batches) {
                for (StagedDataFile file : batch.files()) {
                    try {
                        storage.discard(file.file());
                    } catch (IOException e) {
                        LOG.warn("Iceberg table {}: could not discard staged {}; the partition's next owner does",
                                table.name(), file.file().path(), e);
                    }
                }
            }
        }
    }

    private Map<Integer, Long> storedOffsets(Snapshot head) {
        return SummaryOffsets.latest(head, table::snapshot, topic);
    }
}
