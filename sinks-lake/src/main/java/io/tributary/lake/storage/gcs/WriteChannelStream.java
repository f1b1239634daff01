package io.tributary.lake.storage.gcs;

import com.google.cloud.WriteChannel;
import io.tributary.lake.storage.objectstore.UploadStream;
import java.io.IOException;
import java.nio.ByteBuffer;

/** Writes straight into a GCS write channel, which does the chunking itself. */
final class WriteChannelStream extends UploadStream {

    private final WriteChannel channel;

    WriteChannelStream(WriteChannel channel) {
        this.channel = channel;
    }

    @Override
    protected void send(byte[] bytes, int offset, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(bytes, offset, length);
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }
}
