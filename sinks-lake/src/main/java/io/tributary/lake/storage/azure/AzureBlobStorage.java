package io.tributary.lake.storage.azure;

import com.azure.core.util.BinaryData;
import com.azure.identity.DefaultAzureCredentialBuilder;
import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.blob.models.Block;
import com.azure.storage.blob.models.BlobErrorCode;
import com.azure.storage.blob.models.BlobItem;
import com.azure.storage.blob.models.BlobListDetails;
import com.azure.storage.blob.models.BlobRange;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.blob.models.BlockList;
import com.azure.storage.blob.models.BlockListType;
import com.azure.storage.blob.models.ListBlobsOptions;
import com.azure.storage.blob.options.BlockBlobSimpleUploadOptions;
import com.azure.storage.blob.specialized.BlockBlobClient;
import io.tributary.lake.storage.LakeStorage;
import io.tributary.lake.storage.PendingFile;
import io.tributary.lake.storage.StagedFile;
import io.tributary.lake.storage.objectstore.ObjectKeys;
import io.tributary.lake.storage.objectstore.ObjectStorePendingFile;
import io.tributary.lake.storage.objectstore.RangedInputFile;
import io.tributary.lake.storage.objectstore.StagingMarkers;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.parquet.io.InputFile;

/**
 * The lake in an Azure Blob container (ADLS Gen2 accounts too, through their Blob endpoint). A data
 * file's bytes are staged as uncommitted blocks of its target block blob while the Parquet writer
 * runs, with block ids carrying the file's random token; publishing commits the block list, which
 * makes the blob appear in one step without copying anything.
 *
 * <p>Azure has no call that drops only some uncommitted blocks: committing an empty list would make
 * a zero-byte file visible to readers and also drop the blocks of another writer of the same path
 * (a zombie and the live owner). So every pending file also has a small staging marker
 * ({@link StagingMarkers}); it is what makes the file listable, and publishing requires it.
 * Discarding deletes the marker, so a discarded file can never be published; its uncommitted blocks
 * stay invisible until the next commit of that blob drops them or Azure collects them (after a
 * week without activity on the blob).
 */
public final class AzureBlobStorage implements LakeStorage {

    private final BlobContainerClient container;
    private final ObjectKeys keys;
    private final int blockSize;
    private final String description;

    public AzureBlobStorage(BlobContainerClient container, String prefix, int blockSize) {
        this(container, prefix, blockSize, "azure blob container " + container.getBlobContainerName() + "/" + prefix);
    }

    private AzureBlobStorage(BlobContainerClient container, String prefix, int blockSize, String description) {
        this.container = container;
        this.keys = new ObjectKeys(prefix);
        this.blockSize = blockSize;
        this.description = description;
    }

    public static AzureBlobStorage open(AzureSettings settings) {
        BlobServiceClientBuilder builder = new BlobServiceClientBuilder();
        if (settings.connectionString().isPresent()) {
            builder.connectionString(settings.connectionString().get());
        } else {
            builder.endpoint(settings.accountUrl().orElseThrow())
                    .credential(new DefaultAzureCredentialBuilder().build());
        }
        BlobContainerClient container = builder.buildClient().getBlobContainerClient(settings.container());
        return new AzureBlobStorage(container, settings.prefix(), settings.blockSize(), settings.toString());
    }

    BlockBlobClient blob(String path) {
        return container.getBlobClient(keys.key(path)).getBlockBlobClient();
    }

    @Override
    public PendingFile create(String path) throws IOException {
        String token = StagingMarkers.newToken();
        writeMarker(token, path);
        BlockBlobClient target = blob(path);
        return ObjectStorePendingFile.chunked(path, token, target.getBlobUrl(), blockSize,
                new AzureBlockUpload(this, path, token, target));
    }

    private void writeMarker(String token, String path) throws IOException {
        BlockBlobClient marker = blob(StagingMarkers.markerPath(token));
        call("write the staging marker of " + path, () -> marker.uploadWithResponse(
                new BlockBlobSimpleUploadOptions(BinaryData.fromBytes(new byte[0]))
                        .setMetadata(Map.of(StagingMarkers.TARGET_METADATA, StagingMarkers.encodeTarget(path))),
                null, null));
    }

    /** Deletes a file's staging marker: it can no longer be published or listed. */
    void deleteMarker(String token) throws IOException {
        BlockBlobClient marker = blob(StagingMarkers.markerPath(token));
        call("delete staging marker " + token, marker::deleteIfExists);
    }

    @Override
    public void publish(StagedFile file) throws IOException {
        BlockBlobClient target = blob(file.path());
        String token = file.token();
        boolean markerExists = call("look up staging marker " + token,
                () -> blob(StagingMarkers.markerPath(token)).exists());
        if (markerExists) {
            List<String> staged = blocksOf(blockList(target, BlockListType.UNCOMMITTED).getUncommittedBlocks(), token);
            if (!staged.isEmpty()) {
                call("commit the blocks of " + file.path(), () -> target.commitBlockList(staged, true));
            } else if (!committedBy(target, token)) {
                throw new FileNotFoundException("Cannot publish " + describeBlob(file.path()) + ": the blocks of "
                        + token + " are gone (expired, or dropped by another commit of the blob)");
            }
            deleteMarker(token);
        } else if (!committedBy(target, token)) {
            throw new FileNotFoundException("Cannot publish " + describeBlob(file.path()) + ": " + token
                    + " was discarded and is not what the blob holds");
        }
    }

    /** Whether the blob's committed content is exactly the blocks of {@code token}: published before. */
    private boolean committedBy(BlockBlobClient target, String token) throws IOException {
        List<Block> committed = blockList(target, BlockListType.COMMITTED).getCommittedBlocks();
        return !committed.isEmpty() && blocksOf(committed, token).size() == committed.size();
    }

    /** The ids of {@code token}'s blocks in order, checked to be complete (0..n-1). */
    private static List<String> blocksOf(List<Block> blocks, String token) throws IOException {
        List<String> ids = blocks.stream().map(Block::getName)
                .filter(id -> BlockIds.tokenOf(id).filter(token::equals).isPresent())
                .sorted(Comparator.comparingInt(BlockIds::indexOf))
                .toList();
        for (int i = 0; i < ids.size(); i++) {
            if (BlockIds.indexOf(ids.get(i)) != i) {
                throw new IOException("block " + i + " of " + token + " is missing; the staged file is incomplete");
            }
        }
        return ids;
    }

    private BlockList blockList(BlockBlobClient blob, BlockListType type) throws IOException {
        try {
            return blob.listBlocks(type);
        } catch (BlobStorageException e) {
            if (e.getStatusCode() == 404) {
                return new BlockList();
            }
            throw new IOException("Azure: cannot list the blocks of " + blob.getBlobName() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void discard(StagedFile file) throws IOException {
        // the blocks cannot be dropped selectively (see the class comment); the marker is what publishing needs
        deleteMarker(file.token());
    }

    @Override
    public List<StagedFile> listStaged(String prefix) throws IOException {
        List<StagedFile> staged = new ArrayList<>();
        for (BlobItem item : listItems(StagingMarkers.FOLDER, true)) {
            String token = StagingMarkers.tokenOf(keys.path(item.getName()));
            String encoded = item.getMetadata() == null ? null : item.getMetadata().get(StagingMarkers.TARGET_METADATA);
            if (encoded != null) {
                String path = StagingMarkers.decodeTarget(encoded);
                if (path.startsWith(prefix)) {
                    staged.add(new StagedFile(path, token));
                }
            }
        }
        return staged;
    }

    @Override
    public List<String> list(String prefix) throws IOException {
        List<String> visible = new ArrayList<>();
        for (BlobItem item : listItems(prefix, false)) {
            String path = keys.path(item.getName());
            if (!StagingMarkers.isMarker(path)) {
                visible.add(path);
            }
        }
        visible.sort(null);
        return visible;
    }

    private List<BlobItem> listItems(String prefix, boolean withMetadata) throws IOException {
        ListBlobsOptions options = new ListBlobsOptions().setPrefix(keys.key(prefix))
                .setDetails(new BlobListDetails().setRetrieveMetadata(withMetadata));
        return call("list " + keys.key(prefix), () -> container.listBlobs(options, null).stream().toList());
    }

    @Override
    public InputFile openForRead(String path) throws IOException {
        BlobClient blob = container.getBlobClient(keys.key(path));
        long length;
        try {
            length = blob.getProperties().getBlobSize();
        } catch (BlobStorageException e) {
            if (e.getStatusCode() == 404) {
                throw new FileNotFoundException(describeBlob(path));
            }
            throw new IOException("Azure: cannot read " + path + ": " + e.getMessage(), e);
        }
        return new RangedInputFile(describeBlob(path), length,
                position -> call("read " + path, () -> blob.openInputStream(new BlobRange(position), null)));
    }

    @Override
    public void writeSmall(String path, byte[] content) throws IOException {
        // one Put Blob: the blob appears whole or not at all
        call("write " + path, () -> blob(path).upload(BinaryData.fromBytes(content), true));
    }

    @Override
    public Optional<byte[]> readSmall(String path) throws IOException {
        try {
            return Optional.of(blob(path).downloadContent().toBytes());
        } catch (BlobStorageException e) {
            if (e.getErrorCode() == BlobErrorCode.BLOB_NOT_FOUND || e.getStatusCode() == 404) {
                return Optional.empty();
            }
            throw new IOException("Azure: cannot read " + path + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void delete(String path) throws IOException {
        call("delete " + path, () -> blob(path).deleteIfExists());
    }

    @Override
    public String describe() {
        return description;
    }

    private String describeBlob(String path) {
        return container.getBlobContainerName() + "/" + keys.key(path);
    }

    @Override
    public void close() {
        // the SDK's HTTP client is shared and closes with the JVM
    }

    static <T> T call(String what, Supplier<T> call) throws IOException {
        try {
            return call.get();
        } catch (RuntimeException e) {
            throw new IOException("Azure: cannot " + what + ": " + e.getMessage(), e);
        }
    }
}
