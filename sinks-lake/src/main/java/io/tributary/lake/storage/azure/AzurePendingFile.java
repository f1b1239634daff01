package io.tributary.lake.storage.azure;

import com.azure.core.util.BinaryData;
import com.azure.storage.blob.specialized.BlockBlobClient;
import io.tributary.lake.storage.PendingFile;
import io.tributary.lake.storage.StagedFile;
import io.tributary.lake.storage.objectstore.ChunkedOutputStream;
import io.tributary.lake.storage.objectstore.StreamOutputFile;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.apache.parquet.io.OutputFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One file being staged as uncommitted blocks of its target blob, a block as soon as one is full. */
final class AzurePendingFile implements PendingFile {

    private static final Logger LOG = LoggerFactory.getLogger(AzurePendingFile.class);

    private final AzureBlobStorage storage;
    private final String path;
    private final String token;
    private final BlockBlobClient target;
    private final ChunkedOutputStream stream;
    private final OutputFile outputFile;

    AzurePendingFile(AzureBlobStorage storage, String path, String token, BlockBlobClient target, int blockSize) {
        this.storage = storage;
        this.path = path;
        this.token = token;
        this.target = target;
        this.stream = new ChunkedOutputStream(blockSize, this::stageBlock);
        this.outputFile = new StreamOutputFile(target.getBlobUrl(), stream);
    }

    private void stageBlock(int index, byte[] bytes, int length) throws IOException {
        // BinaryData wraps the buffer without copying; stageBlock returns once Azure stored the block
        AzureBlobStorage.call("stage block " + index + " of " + path, () -> {
            target.stageBlock(BlockIds.of(token, index), BinaryData.fromByteBuffer(ByteBuffer.wrap(bytes, 0, length)));
            return null;
        });
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
        stream.finish();
        return new StagedFile(path, token);
    }

    @Override
    public void abort() {
        try {
            storage.deleteMarker(token);
        } catch (IOException e) {
            // the marker stays; the next start's cleanup finds it through listStaged
            LOG.warn("could not drop the staging marker of {}: {}", path, e.getMessage());
        }
    }
}
