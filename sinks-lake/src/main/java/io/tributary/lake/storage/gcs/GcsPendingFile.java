package io.tributary.lake.storage.gcs;

import com.google.cloud.WriteChannel;
import io.tributary.lake.storage.PendingFile;
import io.tributary.lake.storage.StagedFile;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One file streaming into its staging object through a resumable upload; the client sends a chunk
 * whenever one is full. Closing the channel, in {@link #stage()}, finishes the upload.
 */
final class GcsPendingFile implements PendingFile {

    private static final Logger LOG = LoggerFactory.getLogger(GcsPendingFile.class);

    private final GcsStorage storage;
    private final String path;
    private final String token;
    private final WriteChannel channel;
    private final ChannelStream stream;
    private final OutputFile outputFile;

    GcsPendingFile(GcsStorage storage, String path, String token, WriteChannel channel) {
        this.storage = storage;
        this.path = path;
        this.token = token;
        this.channel = channel;
        this.stream = new ChannelStream(channel);
        this.outputFile = new io.tributary.lake.storage.objectstore.StreamOutputFile(
                storage.describe() + "/" + path, stream);
    }

    @Override
    public String path() {
        return path;
    }

    @Override
    public OutputFile outputFile() {
        return outputFile;
    }

    @Override
    public StagedFile stage() throws IOException {
        try {
            channel.close();
        } catch (IOException | RuntimeException e) {
            throw new IOException("GCS: cannot finish the upload of " + path + " (was it discarded?): "
                    + e.getMessage(), e);
        }
        return new StagedFile(path, token);
    }

    @Override
    public void abort() {
        // the unfinished resumable session expires by itself; deleting the placeholder revokes it
        try {
            storage.deleteStaging(token);
        } catch (IOException e) {
            LOG.warn("could not delete the staging object of {}: {}", path, e.getMessage());
        }
    }

    /** Counts what goes into the channel; closing is the stage step's job. */
    private static final class ChannelStream extends PositionOutputStream {

        private final WriteChannel channel;
        private long position;

        ChannelStream(WriteChannel channel) {
            this.channel = channel;
        }

        @Override
        public long getPos() {
            return position;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            ByteBuffer buffer = ByteBuffer.wrap(bytes, offset, length);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            position += length;
        }

        @Override
        public void close() {
        }
    }
}
