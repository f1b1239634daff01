package io.tributary.lake;

import java.nio.file.Path;

/**
 * Progress of a {@link LakeSink}, for console output and metrics. Every method is called on the
 * sink's consumer thread and should return quickly; an exception it throws is logged and ignored.
 */
public interface LakeListener {

    /** A listener that ignores everything. */
    LakeListener NONE = new LakeListener() {
    };

    /** {@code count} rows were appended to open (not yet visible) files of {@code table}. */
    default void recordsWritten(String table, int count) {
    }

    /**
     * {@code file} (relative to the lake root: {@code <table>/<folder>/<name>.parquet}) became
     * visible; the offsets of its {@code records} rows were committed before.
     */
    default void fileCommitted(String table, Path file, long records) {
    }

    /** A record was sent to the table's dead-letter topic because of {@code reason}. */
    default void deadLettered(String table, String reason) {
    }

    /**
     * The sink stopped because of {@code cause}; open files were discarded and uncommitted records
     * will be read again by the next sink of this table. Called at most once.
     */
    default void sinkFailed(String table, Throwable cause) {
    }
}
