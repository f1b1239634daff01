package io.tributary.lake;

import io.tributary.lake.batch.PartitionBatch;
import io.tributary.lake.batch.RollDecider;
import io.tributary.lake.batch.WriterCap;
import io.tributary.lake.commit.DeadLetterPublisher;
import io.tributary.lake.commit.RolledBatch;
import io.tributary.lake.commit.TableCommitter;
import io.tributary.lake.file.PartitionPathResolver;
import io.tributary.lake.mapping.MappingResult;
import io.tributary.lake.mapping.RecordMapper;
import io.tributary.lake.schema.SchemaListener;
import io.tributary.lake.schema.SchemaRecorder;
import io.tributary.lake.schema.SchemaStore;
import io.tributary.lake.schema.SmallFiles;
import io.tributary.lake.storage.LakeStorage;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongSupplier;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.FencedInstanceIdException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The consumer thread of a {@link LakeSink}: polls, maps each record to a row or a dead letter,
 * appends rows to the batch of their Kafka partition, rolls batches that reached a limit and has
 * the {@link TableCommitter} commit them. It owns the consumer; only {@link #requestStop()} may be
 * called from another thread.
 */
final class SinkLoop implements Runnable, ConsumerRebalanceListener {

    private static final Logger LOG = LoggerFactory.getLogger(SinkLoop.class);
    /** Upper bound of one poll, so that batch ages are checked even when no records arrive. */
    private static final Duration MAX_POLL = Duration.ofMillis(500);

    private final LakeTable table;
    private final LakeStorage storage;
    private final Consumer<byte[], byte[]> consumer;
    private final DeadLetterPublisher deadLetters;
    private final TableCommitter committer;
    private final LakeListener listener;
    private final RecordMapper mapper;
    private final PartitionPathResolver folders;
    private final RollDecider roll;
    private final WriterCap openFiles;
    private final long rowGroupBytes;
    private final LongSupplier nanoClock;
    private final Duration pollTimeout;
    private final Map<TopicPartition, PartitionBatch> batches = new HashMap<>();
    /** Per partition, the first offset of the batches staged but not yet committed. */
    private final Map<TopicPartition, Long> stagedFrom = new HashMap<>();
    private volatile boolean stopping;
    private boolean failed;

    /**
     * @throws io.tributary.lake.schema.IncompatibleSchemaException when a declared column narrows a
     *         type the table recorded
     * @throws UncheckedIOException when the table's recorded schema cannot be read or written
     */
    SinkLoop(LakeTable table, LakeStorage storage, Consumer<byte[], byte[]> consumer, DeadLetterPublisher deadLetters,
             TableCommitter committer, LakeListener listener, LongSupplier nanoClock) {
        this.table = table;
        this.storage = storage;
        this.consumer = consumer;
        this.deadLetters = deadLetters;
        this.listener = listener;
        this.committer = committer;
        // a committer that keeps its own schema (Iceberg) hears of each widening after it was recorded
        SchemaRecorder schemas = new SchemaRecorder(new SchemaStore(SmallFiles.of(storage)),
                committer instanceof SchemaListener own ? own : SchemaListener.NONE);
        try {
            this.mapper = new RecordMapper(table, schemas.start(table), schemas);
        } catch (IOException e) {
            throw new UncheckedIOException("Lake table '" + table.name() + "': cannot read or record its schema", e);
        }
        this.openFiles = new WriterCap(table.maxOpenFiles());
        this.rowGroupBytes = WriterCap.rowGroupBytes(table.roll().maxBytes(), table.maxOpenFiles());
        this.folders = new PartitionPathResolver(table.partitionBy());
        this.roll = new RollDecider(table.roll());
        this.nanoClock = nanoClock;
        Duration maxAge = table.roll().maxAge();
        this.pollTimeout = maxAge.compareTo(MAX_POLL) < 0 ? maxAge : MAX_POLL;
    }

    /** Asks the loop to finish: it stops polling, commits what it has and closes the clients. */
    void requestStop() {
        stopping = true;
        try {
            consumer.wakeup();
        } catch (RuntimeException alreadyClosed) {
            LOG.debug("Lake table '{}': consumer already closed", table.name(), alreadyClosed);
        }
    }

    @Override
    public void run() {
        Throwable failure = null;
        try {
            consumer.subscribe(List.of(table.topic()), this);
            LOG.info("Lake table '{}': reading topic '{}' into table folder '{}' of {}", table.name(), table.topic(),
                    table.name(), storage.describe());
            while (!stopping) {
                pollOnce();
            }
        } catch (WakeupException e) {
            if (!stopping) {
                failure = e;
            }
        } catch (Throwable e) {
            failure = e;
        }
        if (failure == null) {
            failure = finishGracefully();
        }
        if (failure != null) {
            fail(failure);
        }
        closeClients();
    }

    private void pollOnce() throws IOException {
        ConsumerRecords<byte[], byte[]> records = consumer.poll(pollTimeout);
        int written = 0;
        for (TopicPartition partition : records.partitions()) {
            written += handle(partition, records.records(partition));
        }
        if (written > 0) {
            listener.recordsWritten(table.name(), written);
        }
        long now = nanoClock.getAsLong();
        for (Iterator<PartitionBatch> it = batches.values().iterator(); it.hasNext(); ) {
            PartitionBatch batch = it.next();
            if (roll.due(batch, now).isPresent() || openFiles.holdsTooManyClosed(batch)) {
                it.remove();
                openFiles.forget(batch.topicPartition());
                stage(batch);
            }
        }
        commitStaged();
    }

    /**
     * Rolls a batch into the committer. Returns false when one of its files had been discarded by
     * the partition's new owner: this member was fenced, see {@link #dropFenced}.
     */
    private boolean stage(PartitionBatch batch) throws IOException {
        if (!batch.hasRecords()) {
            return true;
        }
        RolledBatch rolled;
        try {
            rolled = batch.roll();
        } catch (FileNotFoundException gone) {
            dropFenced(batch.topicPartition(), batch.firstOffset(), gone);
            return false;
        }
        stagedFrom.putIfAbsent(batch.topicPartition(), batch.firstOffset());
        committer.stage(rolled);
        return true;
    }

    /**
     * A staging file of the partition is gone: a member that took the partition over while this one
     * was paused discarded it. Nothing of the partition's uncommitted work can be committed any more;
     * it is dropped, and read again from its first offset if the group still gives this member the
     * partition (the next poll tells). The sink goes on with its other partitions.
     */
    private void dropFenced(TopicPartition partition, long batchFirstOffset, FileNotFoundException gone) {
        long from = stagedFrom.getOrDefault(partition, batchFirstOffset);
        stagedFrom.remove(partition);
        PartitionBatch open = batches.remove(partition);
        if (open != null) {
            open.abort();
        }
        openFiles.forget(partition);
        committer.discard(List.of(partition));
        LOG.warn("Lake table '{}': fenced on {}: {}; dropped its uncommitted files, reading it again from offset {}"
                + " if this member still owns it", table.name(), partition, gone.getMessage(), from);
        if (consumer.assignment().contains(partition)) {
            consumer.seek(partition, from);
        }
    }

    /**
     * Commits what is staged. When this member was fenced, the staged batches were dropped: the
     * records after them (in open batches) are dropped too, and partitions still assigned are read
     * again from the first dropped offset, so no record is skipped.
     */
    private boolean commitStaged() {
        boolean committed = committer.commitStaged();
        if (!committed) {
            Set<TopicPartition> assigned = consumer.assignment();
            stagedFrom.forEach((partition, from) -> {
                PartitionBatch open = batches.remove(partition);
                if (open != null) {
                    open.abort();
                    openFiles.forget(partition);
                }
                if (assigned.contains(partition)) {
                    consumer.seek(partition, from);
                }
            });
            committer.resumeAfterFence(List.copyOf(stagedFrom.keySet())).forEach((partition, from) -> {
                if (assigned.contains(partition)) {
                    consumer.seek(partition, from);
                }
            });
        }
        stagedFrom.clear();
        return committed;
    }

    /** Returns the number of rows written. */
    private int handle(TopicPartition partition, List<ConsumerRecord<byte[], byte[]>> records) throws IOException {
        PartitionBatch batch = batches.computeIfAbsent(partition, this::newBatch);
        int written = 0;
        for (ConsumerRecord<byte[], byte[]> record : records) {
            long now = nanoClock.getAsLong();
            MappingResult result = mapper.map(record);
            if (result instanceof MappingResult.Mapped mapped) {
                Object device = mapped.row().get(EnvelopeColumns.DEVICE_ID);
                boolean kept = writeCapped(batch, folders.resolve(mapped.eventTimeMillis(),
                        device == null ? null : device.toString()), mapped.row(), record.offset(), record.leaderEpoch(), now);
                if (!kept) {
                    return written; // fenced: the rest of this poll's records are read again
                }
                written++;
            } else {
                String reason = ((MappingResult.Rejected) result).reason();
                LOG.debug("Lake table '{}': dead-lettering {}@{}: {}", table.name(), partition, record.offset(), reason);
                deadLetters.publish(record, reason);
                listener.deadLettered(table.name(), reason);
                batch.skip(record.offset(), record.leaderEpoch(), now);
            }
            if (roll.dueBySize(batch).isPresent() || openFiles.holdsTooManyClosed(batch)) {
                batches.remove(partition);
                openFiles.forget(partition);
                if (!stage(batch)) {
                    return written; // fenced: the rest of this poll's records are read again
                }
                batch = newBatch(partition);
                batches.put(partition, batch);
            }
        }
        return written;
    }

    /**
     * Writes a row, keeping the open files within {@link LakeTable#maxOpenFiles()}: before the row
     * opens one more, the least recently written file of any batch is closed; it stays in its
     * batch and is committed with it.
     */
    private boolean writeCapped(PartitionBatch batch, String folder, GenericRecord row, long offset,
                                Optional<Integer> epoch, long nowNanos) throws IOException {
        Optional<WriterCap.OpenFile> victim = openFiles.beforeWrite(batch.topicPartition(), folder);
        if (victim.isPresent()) {
            PartitionBatch owner = batches.get(victim.get().partition());
            if (owner != null) {
                try {
                    owner.closeFile(victim.get().folder());
                } catch (FileNotFoundException gone) {
                    dropFenced(owner.topicPartition(), owner.firstOffset(), gone);
                    if (owner == batch) {
                        return false;
                    }
                }
            }
        }
        try {
            batch.write(folder, row, offset, epoch, nowNanos);
        } catch (FileNotFoundException gone) {
            // a wider row closed the folder's file, whose staging file the new owner had discarded
            dropFenced(batch.topicPartition(), batch.firstOffset(), gone);
            return false;
        }
        return true;
    }

    private PartitionBatch newBatch(TopicPartition partition) {
        Optional<String> attempt = committer.publishesBeforeCommit()
                ? Optional.of(Long.toString(ThreadLocalRandom.current().nextLong() >>> 1, 36))
                : Optional.empty();
        return new PartitionBatch(partition, storage, table.name(), mapper.schema(), rowGroupBytes, attempt);
    }

    /** Rolls every batch and commits; returns the failure, if any. */
    private Throwable finishGracefully() {
        try {
            for (PartitionBatch batch : List.copyOf(batches.values())) {
                stage(batch);
                openFiles.forget(batch.topicPartition());
            }
            batches.clear();
            if (!commitStaged()) {
                LOG.warn("Lake table '{}': final commit failed; the next sink replays those records", table.name());
            }
            return null;
        } catch (Throwable e) {
            return e;
        }
    }

    private void fail(Throwable failure) {
        failed = true;
        if (replacedStaticMember(failure)) {
            // fatal for this consumer: its group.instance.id now belongs to a newer process, which
            // owns its partitions; an offset commit of ours would be refused the same way
            LOG.error("Lake table '{}': sink stopped: another process joined the group with this sink's static member"
                    + " id (lake.instanceId) and took its partitions; open files are discarded and uncommitted records"
                    + " are read again by that process. Give each hub its own lake.instanceId: {}", table.name(),
                    failure.toString());
        } else {
            LOG.error("Lake table '{}': sink stopped; open files are discarded and uncommitted records will be"
                    + " read again by the next sink of this table", table.name(), failure);
        }
        batches.values().forEach(PartitionBatch::abort);
        batches.values().forEach(batch -> openFiles.forget(batch.topicPartition()));
        batches.clear();
        // staged work whose commit outcome is unknown stays for the next owner's recovery
        committer.discard(List.copyOf(consumer.assignment()));
        listener.sinkFailed(table.name(), failure);
    }

    /** Whether the coordinator fenced this consumer because a newer one presented its static member id. */
    private static boolean replacedStaticMember(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof FencedInstanceIdException) {
                return true;
            }
        }
        return false;
    }

    private void closeClients() {
        try {
            consumer.close();
        } catch (RuntimeException e) {
            LOG.warn("Lake table '{}': closing the consumer failed", table.name(), e);
        }
        try {
            deadLetters.close();
        } catch (RuntimeException e) {
            LOG.warn("Lake table '{}': closing the dead-letter producer failed", table.name(), e);
        }
        LOG.info("Lake table '{}': sink stopped", table.name());
    }

    // include every revoked partition: its batch must be rolled and committed before another
    // member starts reading it, or that member would replay and rewrite files we still hold open
    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
        if (failed) {
            return;
        }
        try {
            for (TopicPartition partition : partitions) {
                PartitionBatch batch = batches.remove(partition);
                if (batch != null) {
                    stage(batch);
                    openFiles.forget(partition);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        commitStaged();
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
        LOG.warn("Lake table '{}': fenced: lost partitions {} without a clean hand-over (the group gave them to"
                + " another member); discarding their uncommitted files", table.name(), partitions);
        for (TopicPartition partition : partitions) {
            PartitionBatch batch = batches.remove(partition);
            if (batch != null) {
                batch.abort();
                openFiles.forget(partition);
            }
        }
        partitions.forEach(stagedFrom::remove);
        committer.discard(partitions);
    }

    // recover before the first record of a partition is read: the previous owner's committed files
    // must be visible, and its uncommitted ones gone, before this member writes files of its own
    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
        LOG.info("Lake table '{}': assigned {}", table.name(), partitions);
        Map<TopicPartition, Long> resume;
        try {
            resume = committer.recover(partitions);
        } catch (IOException e) {
            throw new UncheckedIOException("Lake table '" + table.name() + "': recovering partitions " + partitions
                    + " failed", e);
        }
        resume.forEach(consumer::seek);
    }
}
