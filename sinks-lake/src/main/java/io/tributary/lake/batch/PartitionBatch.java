package io.tributary.lake.batch;

import io.tributary.lake.file.FileNamer;
import io.tributary.lake.file.ParquetFileWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * The records of one Kafka topic-partition read since its last committed offset: one open file
 * per Hive partition folder, plus records that went to the dead-letter topic instead. All its
 * files roll together, so one committed offset covers exactly the files that were renamed.
 */
public final class PartitionBatch {

    private final TopicPartition topicPartition;
    private final Path tableDir;
    private final Schema schema;
    private final long rollBytes;
    private final Map<String, OpenFile> files = new LinkedHashMap<>();

    private long nextOffset = -1;
    private Optional<Integer> leaderEpoch = Optional.empty();
    private long openedAtNanos;
    private long rows;
    private long dataSize;

    private static final class OpenFile {
        final ParquetFileWriter writer;
        long lastSize;

        OpenFile(ParquetFileWriter writer) {
            this.writer = writer;
        }
    }

    /**
     * @param rollBytes the roll policy's byte limit, used to size row groups
     */
    public PartitionBatch(TopicPartition topicPartition, Path tableDir, Schema schema, long rollBytes) {
        this.topicPartition = topicPartition;
        this.tableDir = tableDir;
        this.schema = schema;
        this.rollBytes = rollBytes;
    }

    /**
     * Appends a row to the open file of {@code folder} (relative to the table folder), opening one
     * named after this record's offset if the folder has none in this batch yet.
     */
    public void write(String folder, GenericRecord row, long offset, Optional<Integer> epoch, long nowNanos)
            throws IOException {
        OpenFile file = files.get(folder);
        if (file == null) {
            String name = FileNamer.finalName(topicPartition.topic(), topicPartition.partition(), offset);
            file = new OpenFile(ParquetFileWriter.open(tableDir.resolve(folder), name, schema, rollBytes));
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
        if (nextOffset < 0) {
            openedAtNanos = nowNanos;
        }
        nextOffset = offset + 1;
        leaderEpoch = epoch;
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

    /** Sum of the open files' size estimates. */
    public long dataSize() {
        return dataSize;
    }

    public long ageNanos(long nowNanos) {
        return hasRecords() ? nowNanos - openedAtNanos : 0L;
    }

    /** The offset to commit once this batch's files are visible: last handled offset + 1. */
    public long nextOffset() {
        return nextOffset;
    }

    /** The leader epoch of the last handled record, if the broker reported one. */
    public Optional<Integer> leaderEpoch() {
        return leaderEpoch;
    }

    /** Files currently open (for tests and diagnostics). */
    public int openFiles() {
        return files.size();
    }

    /**
     * Completes every open file and renames it to its final name. If one fails, the remaining
     * files are deleted and the exception propagates: the batch's offset must then not be committed.
     */
    public List<CommittedFile> commitFiles() throws IOException {
        List<CommittedFile> committed = new ArrayList<>(files.size());
        try {
            for (OpenFile file : files.values()) {
                committed.add(new CommittedFile(file.writer.commit(), file.writer.records()));
            }
        } catch (IOException | RuntimeException e) {
            abort();
            throw e;
        }
        files.clear();
        return committed;
    }

    /** Deletes all open files' temporary files; never throws. */
    public void abort() {
        for (OpenFile file : files.values()) {
            file.writer.abort();
        }
        files.clear();
    }
}
