package io.tributary.lake.storage.s3;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * Where and how the lake reaches S3 or an S3-compatible store.
 *
 * @param bucket          the bucket
 * @param prefix          key prefix the lake lives under; empty for the bucket's root
 * @param region          the signing region
 * @param endpoint        an endpoint override for S3-compatible stores; empty for AWS
 * @param pathStyle       address buckets as {@code endpoint/bucket} rather than {@code bucket.endpoint}
 * @param accessKeyId     static credentials; empty for the SDK's default provider chain
 * @param secretAccessKey the secret of {@code accessKeyId}
 * @param partSize        bytes per multipart part: what one open file buffers at most
 */
public record S3Settings(String bucket, String prefix, String region, Optional<URI> endpoint, boolean pathStyle,
                         Optional<String> accessKeyId, Optional<String> secretAccessKey, int partSize) {

    /** S3 refuses parts below 5 MiB, except the last one. */
    public static final int MIN_PART_SIZE = 5 << 20;

    public S3Settings {
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(region, "region");
        if (partSize < MIN_PART_SIZE) {
            throw new IllegalArgumentException("partSize " + partSize + " is below S3's minimum of 5 MiB");
        }
        if (accessKeyId.isPresent() != secretAccessKey.isPresent()) {
            throw new IllegalArgumentException("accessKeyId and secretAccessKey go together");
        }
    }

    @Override
    public String toString() {
        // no credentials in logs
        return "s3://" + bucket + "/" + prefix + endpoint.map(e -> " at " + e).orElse("");
    }
}
