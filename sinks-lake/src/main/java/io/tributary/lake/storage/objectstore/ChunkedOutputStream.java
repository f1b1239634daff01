package io.tributary.lake.storage.objectstore;

import java.io.IOException;

/**
 * Cuts what the Parquet writer writes into chunks (multipart parts, staged blocks) and hands each
 * one to the store as soon as it is full, so row groups leave the process while the file is still
 * being written and at most one chunk per open file is held in memory. The buffer grows up to the
 * chunk size, so a small file costs little. The last, partial chunk is sent by {@link #finish()}
 * when the file is staged; {@link #close()} (called by the Parquet writer) sends nothing.
 */
public final class ChunkedOutputStream extends UploadStream {

    /** Sends one chunk; {@code bytes} is reused after the call returns. */
    @FunctionalInterface
    public interface ChunkUploader {
        void upload(int index, byte[] bytes, int length) throws IOException;
    }

    private static final int INITIAL_BUFFER = 64 * 1024;

    private final int chunkSize;
    private final ChunkUploader uploader;
    private byte[] buffer;
    private int filled;
    private int chunks;
    private boolean finished;

    public ChunkedOutputStream(int chunkSize, ChunkUploader uploader) {
        if (chunkSize <= 0) {
            throw new IllegalArgumentException("chunk size must be positive: " + chunkSize);
        }
        this.chunkSize = chunkSize;
        this.uploader = uploader;
        this.buffer = new byte[Math.min(INITIAL_BUFFER, chunkSize)];
    }

    @Override
    protected void send(byte[] bytes, int offset, int length) throws IOException {
        if (finished) {
            throw new IOException("write after the file was staged");
        }
        while (length > 0) {
            ensureCapacity(Math.min(chunkSize, filled + length));
            int n = Math.min(length, chunkSize - filled);
            System.arraycopy(bytes, offset, buffer, filled, n);
            filled += n;
            offset += n;
            length -= n;
            if (filled == chunkSize) {
                uploader.upload(chunks, buffer, filled);
                chunks++;
                filled = 0;
            }
        }
    }

    private void ensureCapacity(int needed) {
        if (needed > buffer.length) {
            int grown = buffer.length;
            while (grown < needed) {
                grown = (int) Math.min(chunkSize, grown * 2L);
            }
            byte[] bigger = new byte[grown];
            System.arraycopy(buffer, 0, bigger, 0, filled);
            buffer = bigger;
        }
    }

    /**
     * Sends the last chunk (even an empty one when nothing was sent yet, so every file has at
     * least one) and frees the buffer.
     *
     * @return the number of chunks the file consists of
     */
    public int finish() throws IOException {
        if (!finished) {
            if (filled > 0 || chunks == 0) {
                uploader.upload(chunks, buffer, filled);
                chunks++;
            }
            finished = true;
            buffer = null;
            filled = 0;
        }
        return chunks;
    }
}
