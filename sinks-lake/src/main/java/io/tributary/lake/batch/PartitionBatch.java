package io.tributary.lake.batch;

import io.tributary.lake.commit.RolledBatch;
import io.tributary.lake.commit.StagedDataFile;
import io.tributary.lake.file.FileNamer;
import io.tributary.lake.file.ParquetFileWriter;
import io.tributary.lake.storage.LakeStorage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The records of one Kafka topic-partition read since its last commit: at most one open file per
 * Hive partition folder, files already closed early ({@link #closeFile}), and records that went to
 * the dead-letter topic instead. {@link #roll()} stages every file and hands them over together,
 * so one committed offset covers exactly the files of its batch.
 *
 * <p>Each file is named after the first offset written into it, so a folder whose file was closed
 * early gets a new file, named after its own first offset, with its next row.
 */
public final class PartitionBatch {

    private static final Logger LOG = LoggerFactory.getLogger(PartitionBatch.class);

    private final TopicPartition topicPartition;
    private final LakeStorage storage;
    private final String tablePath;
    private final long rowGroupBytes;
    private final Optional<String> attempt;
    private final Map<String, OpenFile> files = new LinkedHashMap<>();
    private final List<StagedDataFile> closedFiles = new ArrayList<>();

    private long firstOffset = -1;
    private long nextOffset = -1;
    private Optional<Integer> leaderEpoch = Optional.empty();
    private long openedAtNanos;
    private long rows;
    private long dataSize;

    private static final class OpenFile {
        final ParquetFileWriter writer;
        final Schema schema;
        long lastSize;

        OpenFile(ParquetFileWriter writer, Schema schema) {
            this.writer = writer;
            this.schema = schema;
        }
    }

    /**
     * @param tablePath     the table's folder relative to the storage root (its name)
     * @param schema        the schema of the rows when the batch starts; each file takes the schema
     *                      of its first row, which may be a wider one
     * @param rowGroupBytes the row group size of its files (see {@link WriterCap#rowGroupBytes})
     */
    public PartitionBatch(TopicPartition topicPartition, LakeStorage storage, String tablePath, Schema schema,
                          long rowGroupBytes) {
        this(topicPartition, storage, tablePath, schema, rowGroupBytes, Optional.empty());
    }

    /**
     * @param attempt when present, file names carry it after the first offset ({@link FileNamer#attemptName}):
     *                for tables whose files are published before their commit
     */
    public PartitionBatch(TopicPartition topicPartition, LakeStorage storage, String tablePath, Schema schema,
                          long rowGroupBytes, Optional<String> attempt) {
        this.attempt = attempt;
        this.topicPartition = topicPartition;
        this.storage = storage;
        this.tablePath = tablePath;
        this.rowGroupBytes = rowGroupBytes;
    }

    /**
     * Appends a row to the open file of {@code folder} (relative to the table folder), opening one
     * named after this record's offset if the folder has none open. A file has the schema of its
     * first row: a row of another schema (the table's schema widened) closes the folder's file
     * first ({@link #closeFile}), so each folder gets at most one more file per schema version.
     */
    public void write(String folder, GenericRecord row, long offset, Optional<Integer> epoch, long nowNanos)
            throws IOException {
        OpenFile file = files.get(folder);
        Schema rowSchema = row.getSchema();
        if (file != null && file.schema != rowSchema && !file.schema.equals(rowSchema)) {
            closeFile(folder);
            file = null;
        }
        if (file == null) {
            String name = attempt.isPresent()
                    ? FileNamer.attemptName(topicPartition.topic(), topicPartition.partition(), offset, attempt.get())
                    : FileNamer.finalName(topicPartition.topic(), topicPartition.partition(), offset);
            file = new OpenFile(ParquetFileWriter.open(storage.create(tablePath + "/" + folder + "/" + name),
                    rowSchema, rowGroupBytes), rowSchema);
            files.put(folder, file);
        }
        file.writer.write(row);
        long size = file.writer.dataSize();
        dataSize += size - file.lastSize;
        file.lastSize = size;
        rows++;
        advance(offset, epoch, nowNanos);
    }

    /** Marks a record as handled without a row (it went to the dead-letter topic). */
    public void skip(long offset, Optional<Integer> epoch, long nowNanos) {
        advance(offset, epoch, nowNanos);
    }

    private void advance(long offset, Optional<Integer> epoch, long nowNanos) {
        if (firstOffset < 0) {
            firstOffset = offset;
            openedAtNanos = nowNanos;
        }
        nextOffset = offset + 1;
        leaderEpoch = epoch;
    }

    /**
     * Completes and stages the open file of {@code folder} now, keeping it in this batch: it is
     * committed with the batch's other files at {@link #roll()}. Does nothing if the folder has no
     * open file.
     */
    public void closeFile(String folder) throws IOException {
        OpenFile file = files.remove(folder);
        if (file == null) {
            return;
        }
        try {
            closedFiles.add(file.writer.stage(folder));
        } catch (IOException | RuntimeException e) {
            file.writer.abort();
            throw e;
        }
    }

    public TopicPartition topicPartition() {
        return topicPartition;
    }

    /** Whether any record (written or skipped) was handled by this batch. */
    public boolean hasRecords() {
        return nextOffset >= 0;
    }

    /** Rows written across all files. */
    public long rows() {
        return rows;
    }

    /** Sum of the files' size estimates, open and closed. */
    public long dataSize() {
        return dataSize;
    }

    public long ageNanos(long nowNanos) {
        return hasRecords() ? nowNanos - openedAtNanos : 0L;
    }

    /** The first offset handled by this batch, or -1 before any. */
    public long firstOffset() {
        return firstOffset;
    }

    /** The offset to commit once this batch's files are visible: last handled offset + 1. */
    public long nextOffset() {
        return nextOffset;
    }

    /** The leader epoch of the last handled record, if the broker reported one. */
    public Optional<Integer> leaderEpoch() {
        return leaderEpoch;
    }

    /** Files currently open (for tests, diagnostics and the open-writer cap). */
    public int openFiles() {
        return files.size();
    }

    /** Files closed early and kept for {@link #roll()}; each keeps its footer in memory until then. */
    public int closedFiles() {
        return closedFiles.size();
    }

    /** The folders that have an open file, least recently opened first. */
    public List<String> openFolders() {
        return List.copyOf(files.keySet());
    }

    /**
     * Completes and stages every open file and returns the batch with all its files. If one fails,
     * every file of the batch is dropped and the exception propagates: nothing of it may be committed.
     * The batch must not be used afterwards.
     *
     * @throws IllegalStateException when the batch handled no record
     */
    public RolledBatch roll() throws IOException {
        if (!hasRecords()) {
            throw new IllegalStateException("batch of " + topicPartition + " has no records to roll");
        }
        try {
            for (String folder : List.copyOf(files.keySet())) {
                closeFile(folder);
            }
        } catch (IOException | RuntimeException e) {
            abort();
            throw e;
        }
        RolledBatch rolled = new RolledBatch(topicPartition, firstOffset, nextOffset, leaderEpoch, closedFiles);
        closedFiles.clear();
        return rolled;
    }

    /** Drops every file of the batch, open or staged; never throws. */
    public void abort() {
        for (OpenFile file : files.values()) {
            file.writer.abort();
        }
        files.clear();
        for (StagedDataFile file : closedFiles) {
            try {
                storage.discard(file.file());
            } catch (IOException | RuntimeException e) {
                LOG.warn("Could not discard staged file {}; the next owner of its partition does", file.file().path(), e);
            }
        }
        closedFiles.clear();
    }
}
