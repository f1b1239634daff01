package io.tributary.lake.storage.gcs;

import java.util.Objects;
import java.util.Optional;

/**
 * Where the lake lives in Google Cloud Storage.
 *
 * @param bucket          the bucket
 * @param prefix          object name prefix the lake lives under; empty for the bucket's root
 * @param projectId       the project, when the credentials do not name one
 * @param credentialsFile a service account key file; Application Default Credentials when empty
 * @param chunkSize       bytes the resumable upload sends per request: what one open file buffers at most
 */
public record GcsSettings(String bucket, String prefix, Optional<String> projectId, Optional<String> credentialsFile,
                          int chunkSize) {

    /** Resumable uploads send multiples of 256 KiB. */
    public static final int CHUNK_GRANULARITY = 256 * 1024;

    public GcsSettings {
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(prefix, "prefix");
        if (chunkSize < CHUNK_GRANULARITY || chunkSize % CHUNK_GRANULARITY != 0) {
            throw new IllegalArgumentException("chunkSize " + chunkSize + " must be a positive multiple of 256 KiB");
        }
    }

    @Override
    public String toString() {
        return "gs://" + bucket + "/" + prefix;
    }
}
