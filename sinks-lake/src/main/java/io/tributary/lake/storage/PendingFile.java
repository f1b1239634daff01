package io.tributary.lake.storage;

import java.io.IOException;
import org.apache.parquet.io.OutputFile;

/**
 * A file being written, invisible to readers. The Parquet writer writes into {@link #outputFile()}
 * once; after the writer is closed, {@link #stage()} makes the bytes durable without publishing
 * them. Object stores stream the bytes as they come (multipart parts, staged blocks), so no backend
 * holds a whole file in memory.
 */
public interface PendingFile {

    /** The target path, relative to the lake root. */
    String path();

    /** Where the Parquet writer writes; to be used for one writer only. */
    OutputFile outputFile();

    /** Makes the written bytes durable but not visible; call after the writer was closed. */
    StagedFile stage() throws IOException;

    /** Drops whatever was written; never throws. */
    void abort();
}
