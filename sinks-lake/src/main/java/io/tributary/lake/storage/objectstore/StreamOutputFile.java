package io.tributary.lake.storage.objectstore;

import java.io.IOException;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;

/** The Parquet writer's view of a pending object: one stream, handed out once. */
public final class StreamOutputFile implements OutputFile {

    private final String location;
    private PositionOutputStream stream;

    public StreamOutputFile(String location, PositionOutputStream stream) {
        this.location = location;
        this.stream = stream;
    }

    @Override
    public synchronized PositionOutputStream create(long blockSizeHint) throws IOException {
        if (stream == null) {
            throw new IOException(location + " was already opened for writing; a pending file takes one writer");
        }
        PositionOutputStream handedOut = stream;
        stream = null;
        return handedOut;
    }

    @Override
    public PositionOutputStream createOrOverwrite(long blockSizeHint) throws IOException {
        // every pending file is a fresh staging location, so there is nothing to overwrite
        return create(blockSizeHint);
    }

    @Override
    public boolean supportsBlockSize() {
        return false;
    }

    @Override
    public long defaultBlockSize() {
        return 0;
    }

    @Override
    public String getPath() {
        return location;
    }
}
