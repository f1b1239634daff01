package io.tributary.lake.storage.azure;

import com.azure.core.util.BinaryData;
import com.azure.storage.blob.specialized.BlockBlobClient;
import io.tributary.lake.storage.objectstore.ObjectStorePendingFile;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * One file staged as uncommitted blocks of its target blob, a block as soon as one is full. The
 * blocks are named after the file's token, so publishing commits exactly them.
 */
record AzureBlockUpload(AzureBlobStorage storage, String path, String token, BlockBlobClient target)
        implements ObjectStorePendingFile.ChunkedUpload {

    @Override
    public void upload(int index, byte[] bytes, int length) throws IOException {
        // BinaryData wraps the buffer without copying; stageBlock returns once Azure stored the block
        AzureBlobStorage.call("stage block " + index + " of " + path, () -> {
            target.stageBlock(BlockIds.of(token, index), BinaryData.fromByteBuffer(ByteBuffer.wrap(bytes, 0, length)));
            return null;
        });
    }

    /** Azure cannot delete uncommitted blocks; without the marker they can never be committed, and they expire. */
    @Override
    public void discard() throws IOException {
        storage.deleteMarker(token);
    }
}
