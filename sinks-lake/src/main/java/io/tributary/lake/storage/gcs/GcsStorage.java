package io.tributary.lake.storage.gcs;

import com.google.auth.oauth2.GoogleCredentials;
import com.google.cloud.ReadChannel;
import com.google.cloud.WriteChannel;
import com.google.cloud.storage.Blob;
import com.google.cloud.storage.BlobId;
import com.google.cloud.storage.BlobInfo;
import com.google.cloud.storage.Storage;
import com.google.cloud.storage.StorageException;
import com.google.cloud.storage.StorageOptions;
import io.tributary.lake.storage.LakeStorage;
import io.tributary.lake.storage.PendingFile;
import io.tributary.lake.storage.StagedFile;
import io.tributary.lake.storage.objectstore.ObjectKeys;
import io.tributary.lake.storage.objectstore.ObjectStorePendingFile;
import io.tributary.lake.storage.objectstore.RangedInputFile;
import io.tributary.lake.storage.objectstore.StagingMarkers;
import java.io.FileInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.parquet.io.InputFile;

/**
 * The lake in a Google Cloud Storage bucket. GCS has no invisible upload that can be listed, so a
 * data file is written to its own staging object {@code <prefix>/_tributary/staging/<token>.data}
 * through a resumable upload (streamed a chunk at a time), and publishing copies it to its path
 * (a server-side rewrite) and deletes it.
 *
 * <p>{@link #create} also writes an empty marker {@code _tributary/staging/<token>} (see
 * {@link StagingMarkers}); publishing requires it and discarding deletes it first, so a file that
 * a zombie finishes uploading after a new owner discarded it can never be published. Both objects
 * carry the target path in their metadata, for {@link #listStaged}.
 */
public final class GcsStorage implements LakeStorage {

    private static final String DATA_SUFFIX = ".data";

    private final Storage storage;
    private final boolean ownsClient;
    private final String bucket;
    private final ObjectKeys keys;
    private final int chunkSize;

    public GcsStorage(Storage storage, String bucket, String prefix, int chunkSize) {
        this(storage, false, bucket, prefix, chunkSize);
    }

    private GcsStorage(Storage storage, boolean ownsClient, String bucket, String prefix, int chunkSize) {
        this.storage = storage;
        this.ownsClient = ownsClient;
        this.bucket = bucket;
        this.keys = new ObjectKeys(prefix);
        this.chunkSize = chunkSize;
    }

    public static GcsStorage open(GcsSettings settings) throws IOException {
        StorageOptions.Builder options = StorageOptions.newBuilder();
        settings.projectId().ifPresent(options::setProjectId);
        if (settings.credentialsFile().isPresent()) {
            try (InputStream key = new FileInputStream(settings.credentialsFile().get())) {
                options.setCredentials(GoogleCredentials.fromStream(key));
            }
        }
        return new GcsStorage(options.build().getService(), true, settings.bucket(), settings.prefix(),
                settings.chunkSize());
    }

    BlobId id(String path) {
        return BlobId.of(bucket, keys.key(path));
    }

    @Override
    public PendingFile create(String path) throws IOException {
        String token = StagingMarkers.newToken();
        Map<String, String> metadata = Map.of(StagingMarkers.TARGET_METADATA, StagingMarkers.encodeTarget(path));
        call("write the staging marker of " + path, () -> storage.create(
                BlobInfo.newBuilder(marker(token)).setMetadata(metadata).build(), new byte[0]));
        WriteChannel channel = call("start the upload of " + path,
                () -> storage.writer(BlobInfo.newBuilder(data(token)).setMetadata(metadata).build()));
        channel.setChunkSize(chunkSize);
        return new ObjectStorePendingFile(path, token, describe() + "/" + path, new WriteChannelStream(channel),
                new GcsResumableUpload(this, path, token, channel));
    }

    private BlobId marker(String token) {
        return id(StagingMarkers.markerPath(token));
    }

    private BlobId data(String token) {
        return id(StagingMarkers.markerPath(token) + DATA_SUFFIX);
    }

    @Override
    public void publish(StagedFile file) throws IOException {
        BlobId target = id(file.path());
        boolean marked = call("look up the staging marker " + file.token(), () -> storage.get(marker(file.token()))) != null;
        if (!marked) {
            // published before (the marker goes after the copy), or discarded
            if (call("look up " + target.getName(), () -> storage.get(target)) == null) {
                throw new FileNotFoundException("Cannot publish gs://" + bucket + "/" + target.getName()
                        + ": staged file " + file.token() + " was discarded and nothing is published there");
            }
            return;
        }
        BlobId data = data(file.token());
        Blob staged = call("look up " + data.getName(), () -> storage.get(data));
        if (staged == null) {
            throw new FileNotFoundException("Cannot publish gs://" + bucket + "/" + target.getName()
                    + ": its staging object " + data.getName() + " was never completed");
        }
        // a server-side rewrite, repeated as often as GCS asks for large objects; then the marker, then the bytes
        call("copy " + data.getName() + " to " + target.getName(), () -> storage.copy(Storage.CopyRequest.newBuilder()
                .setSource(data)
                .setTarget(BlobInfo.newBuilder(target).build())
                .build()).getResult());
        call("delete the staging marker " + file.token(), () -> storage.delete(marker(file.token())));
        call("delete " + data.getName(), () -> storage.delete(data));
    }

    @Override
    public void discard(StagedFile file) throws IOException {
        deleteStaging(file.token());
    }

    /** Revokes a file (without its marker it can never be published), then drops its bytes. */
    void deleteStaging(String token) throws IOException {
        call("delete the staging marker " + token, () -> storage.delete(marker(token)));
        call("delete the staging object " + token, () -> storage.delete(data(token)));
    }

    @Override
    public List<StagedFile> listStaged(String prefix) throws IOException {
        // markers and completed staging objects both count: a zombie may complete an upload after a discard
        Map<String, StagedFile> staged = new LinkedHashMap<>();
        for (Blob blob : listBlobs(StagingMarkers.FOLDER)) {
            String encoded = blob.getMetadata() == null ? null : blob.getMetadata().get(StagingMarkers.TARGET_METADATA);
            if (encoded != null) {
                String path = StagingMarkers.decodeTarget(encoded);
                String token = StagingMarkers.tokenOf(keys.path(blob.getName())).replace(DATA_SUFFIX, "");
                if (path.startsWith(prefix)) {
                    staged.putIfAbsent(token, new StagedFile(path, token));
                }
            }
        }
        return new ArrayList<>(staged.values());
    }

    @Override
    public List<String> list(String prefix) throws IOException {
        List<String> visible = new ArrayList<>();
        for (Blob blob : listBlobs(prefix)) {
            String path = keys.path(blob.getName());
            if (!StagingMarkers.isMarker(path)) {
                visible.add(path);
            }
        }
        visible.sort(null);
        return visible;
    }

    private List<Blob> listBlobs(String prefix) throws IOException {
        String key = keys.key(prefix);
        List<Blob> blobs = new ArrayList<>();
        call("list " + key, () -> {
            storage.list(bucket, Storage.BlobListOption.prefix(key)).iterateAll().forEach(blobs::add);
            return null;
        });
        return blobs;
    }

    @Override
    public InputFile openForRead(String path) throws IOException {
        BlobId id = id(path);
        Blob blob = call("look up " + id.getName(), () -> storage.get(id));
        if (blob == null) {
            throw new FileNotFoundException("gs://" + bucket + "/" + id.getName());
        }
        // pinned to the generation found, so a replacement mid-read fails instead of mixing two files
        BlobId pinned = BlobId.of(bucket, id.getName(), blob.getGeneration());
        return new RangedInputFile("gs://" + bucket + "/" + id.getName(), blob.getSize(), position -> {
            ReadChannel reader = call("read " + id.getName(), () -> storage.reader(pinned));
            reader.seek(position);
            return Channels.newInputStream(reader);
        });
    }

    @Override
    public void writeSmall(String path, byte[] content) throws IOException {
        // a single-request upload: the object appears whole or not at all
        call("write " + path, () -> storage.create(BlobInfo.newBuilder(id(path)).build(), content));
    }

    @Override
    public Optional<byte[]> readSmall(String path) throws IOException {
        try {
            return Optional.of(storage.readAllBytes(id(path)));
        } catch (StorageException e) {
            if (e.getCode() == 404) {
                return Optional.empty();
            }
            throw new IOException("GCS: cannot read " + path + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void delete(String path) throws IOException {
        call("delete " + path, () -> storage.delete(id(path)));
    }

    @Override
    public String describe() {
        return "gs://" + bucket + "/" + keys.prefix();
    }

    @Override
    public void close() throws IOException {
        if (ownsClient) {
            try {
                storage.close();
            } catch (Exception e) {
                throw new IOException("GCS: cannot close the client: " + e.getMessage(), e);
            }
        }
    }

    static <T> T call(String what, Supplier<T> call) throws IOException {
        try {
            return call.get();
        } catch (RuntimeException e) {
            throw new IOException("GCS: cannot " + what + ": " + e.getMessage(), e);
        }
    }
}
