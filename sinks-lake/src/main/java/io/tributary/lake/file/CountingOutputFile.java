package io.tributary.lake.file;

import java.io.IOException;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;

/** Remembers the stream the Parquet writer opened, so the file's final length is known after close. */
final class CountingOutputFile implements OutputFile {

    private final OutputFile delegate;
    private PositionOutputStream stream;
    private long length;

    CountingOutputFile(OutputFile delegate) {
        this.delegate = delegate;
    }

    @Override
    public PositionOutputStream create(long blockSizeHint) throws IOException {
        return remember(delegate.create(blockSizeHint));
    }

    @Override
    public PositionOutputStream createOrOverwrite(long blockSizeHint) throws IOException {
        return remember(delegate.createOrOverwrite(blockSizeHint));
    }

    @Override
    public boolean supportsBlockSize() {
        return delegate.supportsBlockSize();
    }

    @Override
    public long defaultBlockSize() {
        return delegate.defaultBlockSize();
    }

    @Override
    public String getPath() {
        return delegate.getPath();
    }

    /** Bytes written, final once the writer is closed. */
    long length() throws IOException {
        return stream == null ? length : stream.getPos();
    }

    private PositionOutputStream remember(PositionOutputStream opened) {
        stream = opened;
        return opened;
    }
}
