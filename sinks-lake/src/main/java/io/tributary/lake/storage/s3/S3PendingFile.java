package io.tributary.lake.storage.s3;

import io.tributary.lake.storage.PendingFile;
import io.tributary.lake.storage.StagedFile;
import io.tributary.lake.storage.objectstore.ChunkedOutputStream;
import io.tributary.lake.storage.objectstore.StreamOutputFile;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import org.apache.parquet.io.OutputFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/** One open multipart upload: each full part is uploaded as the Parquet writer fills it. */
final class S3PendingFile implements PendingFile {

    private static final Logger LOG = LoggerFactory.getLogger(S3PendingFile.class);

    private final S3Client client;
    private final String bucket;
    private final String key;
    private final String path;
    private final String uploadId;
    private final ChunkedOutputStream stream;
    private final OutputFile outputFile;

    S3PendingFile(S3Client client, String bucket, String key, String path, String uploadId, int partSize) {
        this.client = client;
        this.bucket = bucket;
        this.key = key;
        this.path = path;
        this.uploadId = uploadId;
        this.stream = new ChunkedOutputStream(partSize, this::uploadPart);
        this.outputFile = new StreamOutputFile("s3://" + bucket + "/" + key, stream);
    }

    private void uploadPart(int index, byte[] bytes, int length) throws IOException {
        int partNumber = index + 1;
        try {
            // a provider rather than a copy: the SDK reopens the stream on a retry, and the buffer is ours until we return
            client.uploadPart(b -> b.bucket(bucket).key(key).uploadId(uploadId).partNumber(partNumber)
                            .contentLength((long) length),
                    RequestBody.fromContentProvider(() -> new ByteArrayInputStream(bytes, 0, length), length,
                            "application/octet-stream"));
        } catch (SdkException e) {
            throw new IOException("S3: cannot upload part " + partNumber + " of " + key + ": " + e.getMessage(), e);
        }
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
        return new StagedFile(path, uploadId);
    }

    @Override
    public void abort() {
        try {
            client.abortMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId));
        } catch (SdkException e) {
            // the upload stays open; the next start's cleanup finds it through listStaged
            LOG.warn("could not abort upload {} of s3://{}/{}: {}", uploadId, bucket, key, e.getMessage());
        }
    }
}
