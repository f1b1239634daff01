package io.tributary.lake.storage.s3;

import io.tributary.lake.storage.objectstore.ObjectStorePendingFile;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The parts of one open multipart upload, each uploaded as soon as it is full. Completing the
 * upload is publishing the file, so {@link S3Storage#publish} does it from the parts S3 lists.
 */
record S3MultipartUpload(S3Client client, String bucket, String key, String uploadId)
        implements ObjectStorePendingFile.ChunkedUpload {

    @Override
    public void upload(int index, byte[] bytes, int length) throws IOException {
        int partNumber = index + 1;
        // a provider rather than a copy: the SDK reopens the stream on a retry, and the buffer is ours until we return
        S3Storage.call("upload part " + partNumber + " of " + key, () -> client.uploadPart(
                b -> b.bucket(bucket).key(key).uploadId(uploadId).partNumber(partNumber).contentLength((long) length),
                RequestBody.fromContentProvider(() -> new ByteArrayInputStream(bytes, 0, length), length,
                        "application/octet-stream")));
    }

    @Override
    public void discard() throws IOException {
        S3Storage.call("abort upload " + uploadId + " of s3://" + bucket + "/" + key,
                () -> client.abortMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId)));
    }
}
