package io.tributary.lake.storage.s3;

import io.tributary.lake.storage.LakeStorage;
import io.tributary.lake.storage.PendingFile;
import io.tributary.lake.storage.StagedFile;
import io.tributary.lake.storage.objectstore.ObjectKeys;
import io.tributary.lake.storage.objectstore.ObjectStorePendingFile;
import io.tributary.lake.storage.objectstore.RangedInputFile;
import java.io.FileNotFoundException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import org.apache.parquet.io.InputFile;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.NoSuchUploadException;
import software.amazon.awssdk.services.s3.model.Part;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The lake in an S3 bucket (or an S3-compatible store). A data file is a multipart upload: parts
 * stream out while the Parquet writer runs, staging uploads the last one, and publishing completes
 * the upload, which is when the object appears. An open upload is durable and invisible, and its
 * upload id is the staged file's token. Every {@link #create} starts its own upload, so a zombie
 * writing the same key never touches the live owner's parts.
 */
public final class S3Storage implements LakeStorage {

    private final S3Client client;
    private final boolean ownsClient;
    private final String bucket;
    private final ObjectKeys keys;
    private final int partSize;
    private final String description;

    public S3Storage(S3Client client, String bucket, String prefix, int partSize) {
        this(client, false, bucket, prefix, partSize, "s3://" + bucket + "/" + new ObjectKeys(prefix).prefix());
    }

    private S3Storage(S3Client client, boolean ownsClient, String bucket, String prefix, int partSize,
                      String description) {
        this.client = client;
        this.ownsClient = ownsClient;
        this.bucket = bucket;
        this.keys = new ObjectKeys(prefix);
        this.partSize = partSize;
        this.description = description;
    }

    /** Builds a client from the settings; closing the storage closes it. */
    public static S3Storage open(S3Settings settings) {
        S3ClientBuilder builder = S3Client.builder()
                // the hub's class path carries more than one SDK HTTP client (Camel's aws2 components bring
                // their own), so name one rather than let the SDK refuse to choose
                .httpClientBuilder(ApacheHttpClient.builder())
                .region(Region.of(settings.region()))
                .forcePathStyle(settings.pathStyle())
                .credentialsProvider(credentials(settings));
        settings.endpoint().ifPresent(builder::endpointOverride);
        return new S3Storage(builder.build(), true, settings.bucket(), settings.prefix(), settings.partSize(),
                settings.toString());
    }

    private static AwsCredentialsProvider credentials(S3Settings settings) {
        if (settings.accessKeyId().isPresent()) {
            return StaticCredentialsProvider.create(AwsBasicCredentials.create(
                    settings.accessKeyId().get(), settings.secretAccessKey().orElseThrow()));
        }
        return DefaultCredentialsProvider.builder().build();
    }

    /** The client, for tests that inspect uploads. */
    public S3Client client() {
        return client;
    }

    public String bucket() {
        return bucket;
    }

    /** The object key of a lake path. */
    public String key(String path) {
        return keys.key(path);
    }

    @Override
    public PendingFile create(String path) throws IOException {
        String key = keys.key(path);
        String uploadId = call("start an upload of " + key,
                () -> client.createMultipartUpload(b -> b.bucket(bucket).key(key)).uploadId());
        return ObjectStorePendingFile.chunked(path, uploadId, "s3://" + bucket + "/" + key, partSize,
                new S3MultipartUpload(client, bucket, key, uploadId));
    }

    @Override
    public void publish(StagedFile file) throws IOException {
        String key = keys.key(file.path());
        List<CompletedPart> parts;
        try {
            parts = client.listPartsPaginator(b -> b.bucket(bucket).key(key).uploadId(file.token()))
                    .parts().stream().map(S3Storage::completed).toList();
        } catch (NoSuchUploadException e) {
            alreadyPublished(file, key);
            return;
        } catch (SdkException e) {
            throw new IOException("cannot list the parts of " + key + " (upload " + file.token() + "): "
                    + e.getMessage(), e);
        }
        if (parts.isEmpty()) {
            throw new IOException("upload " + file.token() + " of " + key + " has no parts: it was never staged");
        }
        try {
            client.completeMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(file.token())
                    .multipartUpload(m -> m.parts(parts)));
        } catch (NoSuchUploadException e) {
            // completed by someone else between our listing and our completion
            alreadyPublished(file, key);
        } catch (SdkException e) {
            throw new IOException("cannot complete the upload of " + key + ": " + e.getMessage(), e);
        }
    }

    /** The upload is gone: either it was completed (done) or aborted (the bytes are lost). */
    private void alreadyPublished(StagedFile file, String key) throws IOException {
        if (!exists(key)) {
            throw new FileNotFoundException("upload " + file.token() + " of s3://" + bucket + "/" + key
                    + " is gone and the object does not exist: it was discarded");
        }
    }

    private static CompletedPart completed(Part part) {
        // S3 wants back the checksums it computed for each part, when the SDK sent any
        return CompletedPart.builder().partNumber(part.partNumber()).eTag(part.eTag())
                .checksumCRC32(part.checksumCRC32()).checksumCRC32C(part.checksumCRC32C())
                .checksumCRC64NVME(part.checksumCRC64NVME())
                .checksumSHA1(part.checksumSHA1()).checksumSHA256(part.checksumSHA256()).build();
    }

    @Override
    public void discard(StagedFile file) throws IOException {
        String key = keys.key(file.path());
        try {
            client.abortMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(file.token()));
        } catch (NoSuchUploadException e) {
            // already aborted or completed: nothing left to drop
        } catch (SdkException e) {
            throw new IOException("cannot abort upload " + file.token() + " of " + key + ": " + e.getMessage(), e);
        }
    }

    @Override
    public List<StagedFile> listStaged(String prefix) throws IOException {
        return call("list the open uploads under " + keys.key(prefix),
                () -> client.listMultipartUploadsPaginator(b -> b.bucket(bucket).prefix(keys.key(prefix)))
                        .uploads().stream()
                        .map(u -> new StagedFile(keys.path(u.key()), u.uploadId()))
                        .toList());
    }

    @Override
    public List<String> list(String prefix) throws IOException {
        return call("list " + keys.key(prefix),
                () -> client.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(keys.key(prefix)))
                        .contents().stream()
                        .map(S3Object::key)
                        .map(keys::path)
                        .sorted()
                        .toList());
    }

    @Override
    public InputFile openForRead(String path) throws IOException {
        String key = keys.key(path);
        long length;
        try {
            length = client.headObject(b -> b.bucket(bucket).key(key)).contentLength();
        } catch (NoSuchKeyException e) {
            throw new FileNotFoundException("s3://" + bucket + "/" + key);
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                throw new FileNotFoundException("s3://" + bucket + "/" + key);
            }
            throw new IOException("cannot read " + key + ": " + e.getMessage(), e);
        }
        return new RangedInputFile("s3://" + bucket + "/" + key, length, position -> call("read " + key,
                () -> abortOnClose(client.getObject(b -> b.bucket(bucket).key(key).range("bytes=" + position + "-")))));
    }

    /** Closing a half-read response would otherwise drain the rest of the object first. */
    private static InputStream abortOnClose(ResponseInputStream<GetObjectResponse> response) {
        return new FilterInputStream(response) {
            @Override
            public void close() throws IOException {
                response.abort();
                response.close();
            }
        };
    }

    @Override
    public void writeSmall(String path, byte[] content) throws IOException {
        String key = keys.key(path);
        // a single PUT: S3 shows the whole object or none of it
        call("write " + key, () -> client.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromBytes(content)));
    }

    @Override
    public Optional<byte[]> readSmall(String path) throws IOException {
        String key = keys.key(path);
        try {
            return Optional.of(client.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray());
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (SdkException e) {
            throw new IOException("cannot read " + key + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void delete(String path) throws IOException {
        String key = keys.key(path);
        call("delete " + key, () -> client.deleteObject(b -> b.bucket(bucket).key(key)));
    }

    private boolean exists(String key) throws IOException {
        try {
            client.headObject(b -> b.bucket(bucket).key(key));
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return false;
            }
            throw new IOException("cannot look up " + key + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    public void close() {
        if (ownsClient) {
            client.close();
        }
    }

    @FunctionalInterface
    interface S3Call<T> {
        T run();
    }

    static <T> T call(String what, S3Call<T> call) throws IOException {
        try {
            return call.run();
        } catch (SdkException e) {
            throw new IOException("S3: cannot " + what + ": " + e.getMessage(), e);
        }
    }
}
