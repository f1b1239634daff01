package io.tributary.lake.batch;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Objects;
import java.util.Optional;
import org.apache.kafka.common.TopicPartition;

/**
 * Caps the Parquet files one sink keeps open, across all its Kafka partitions' batches, so its
 * heap stays bounded however many partition folders the data spreads over. Every write touches
 * its file; a write that would open one file more than the cap first has the least recently
 * written file closed (the sink calls {@code PartitionBatch.closeFile}). A closed file is complete
 * but stays in its batch, invisible, until the batch rolls and commits it with the batch's offset;
 * the next row for its folder opens a new file. Not thread-safe: one per sink thread.
 */
public final class WriterCap {

    /** The open file of one folder in one Kafka partition's batch. */
    public record OpenFile(TopicPartition partition, String folder) {
        public OpenFile {
            Objects.requireNonNull(partition, "partition");
            Objects.requireNonNull(folder, "folder");
        }
    }

    /** Parquet writers never buffer less than this per row group, whatever the cap. */
    static final long MIN_ROW_GROUP_BYTES = 1L << 20;
    /** Parquet's own default row group size; larger ones only cost memory. */
    static final long MAX_ROW_GROUP_BYTES = 128L << 20;

    /** Early-closed files a batch may hold, per file of the cap, before it rolls. */
    static final int CLOSED_FILES_PER_OPEN_FILE = 16;

    private final int maxOpenFiles;
    private final long maxClosedFilesPerBatch;
    // access order: iteration starts at the least recently written file
    private final LinkedHashMap<OpenFile, Boolean> open = new LinkedHashMap<>(16, 0.75f, true);
    private OpenFile last;

    public WriterCap(int maxOpenFiles) {
        if (maxOpenFiles < 1) {
            throw new IllegalArgumentException("maxOpenFiles is " + maxOpenFiles + ": it must be at least 1");
        }
        this.maxOpenFiles = maxOpenFiles;
        this.maxClosedFilesPerBatch = (long) CLOSED_FILES_PER_OPEN_FILE * maxOpenFiles;
    }

    /**
     * Records a write into {@code folder} of {@code partition}'s batch, to be called before the
     * row is written. Returns the file to close first when this write would open one file more
     * than the cap: never the one being written.
     */
    public Optional<OpenFile> beforeWrite(TopicPartition partition, String folder) {
        OpenFile file = last != null && last.folder().equals(folder) && last.partition().equals(partition)
                ? last : new OpenFile(partition, folder);
        last = file;
        if (open.get(file) != null) {
            return Optional.empty();
        }
        Optional<OpenFile> evict = Optional.empty();
        if (open.size() >= maxOpenFiles) {
            Iterator<OpenFile> eldest = open.keySet().iterator();
            evict = Optional.of(eldest.next());
            eldest.remove();
        }
        open.put(file, Boolean.TRUE);
        return evict;
    }

    /** Forgets the files of a batch that rolled, was lost or aborted: they are closed already. */
    public void forget(TopicPartition partition) {
        open.keySet().removeIf(file -> file.partition().equals(partition));
        last = null;
    }

    /** Forgets one file that its batch closed for another reason. */
    public void forget(TopicPartition partition, String folder) {
        open.remove(new OpenFile(partition, folder));
        last = null;
    }

    /**
     * Whether a batch holds so many early-closed files ({@value #CLOSED_FILES_PER_OPEN_FILE} times
     * the cap) that it should roll now: each keeps its footer in memory until its batch rolls, so
     * rows spread over far more folders than the cap (one file per row in the worst case) would
     * otherwise grow the heap with the batch instead of with the cap.
     */
    public boolean holdsTooManyClosed(PartitionBatch batch) {
        return batch.closedFiles() >= maxClosedFilesPerBatch;
    }

    /** Files counted as open. */
    public int openFiles() {
        return open.size();
    }

    public int maxOpenFiles() {
        return maxOpenFiles;
    }

    /**
     * The row group size of each writer: the roll size shared by the cap's files, so that the
     * buffered row groups of all open files together stay near {@code rollBytes} (a Parquet writer
     * holds its current row group in memory), clamped to {@value #MIN_ROW_GROUP_BYTES} to
     * {@value #MAX_ROW_GROUP_BYTES} bytes. Buffers are then at most about
     * {@code max(rollBytes, maxOpenFiles × 1 MiB)} per sink.
     */
    public static long rowGroupBytes(long rollBytes, int maxOpenFiles) {
        long share = rollBytes / Math.max(1, maxOpenFiles);
        return Math.max(MIN_ROW_GROUP_BYTES, Math.min(MAX_ROW_GROUP_BYTES, share));
    }
}
