package io.tributary.lake.storage.objectstore;

import java.io.IOException;
import org.apache.parquet.io.PositionOutputStream;

/**
 * The Parquet writer's stream into an object-store upload: it counts what passes through (the
 * writer records offsets from {@link #getPos()}) and leaves the upload open on {@link #close()},
 * because finishing it is the stage step's job, after the writer is done.
 */
public abstract class UploadStream extends PositionOutputStream {

    private long position;

    /** Passes bytes on to the upload; {@code bytes} is the caller's again once this returns. */
    protected abstract void send(byte[] bytes, int offset, int length) throws IOException;

    @Override
    public final long getPos() {
        return position;
    }

    @Override
    public final void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public final void write(byte[] bytes, int offset, int length) throws IOException {
        send(bytes, offset, length);
        position += length;
    }

    @Override
    public void close() {
    }
}
