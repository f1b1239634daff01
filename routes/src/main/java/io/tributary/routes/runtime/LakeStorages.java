package io.tributary.routes.runtime;

import io.tributary.lake.storage.LakeStorage;
import io.tributary.lake.storage.azure.AzureBlobStorage;
import io.tributary.lake.storage.azure.AzureSettings;
import io.tributary.lake.storage.gcs.GcsSettings;
import io.tributary.lake.storage.gcs.GcsStorage;
import io.tributary.lake.storage.local.LocalStorage;
import io.tributary.lake.storage.s3.S3Settings;
import io.tributary.lake.storage.s3.S3Storage;
import io.tributary.routes.config.HubConfig;
import io.tributary.routes.config.LakeStorageOptions;
import io.tributary.spec.ConfigValues;
import java.io.IOException;
import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/** Turns the validated {@code lake.storage} section of {@code hub.yaml} into the storage the lake sinks write to. */
public final class LakeStorages {

    private LakeStorages() {
    }

    public static LakeStorage open(HubConfig hub) throws IOException {
        ConfigValues storage = hub.lakeStorage();
        return switch (storage.get(LakeStorageOptions.TYPE)) {
            case "local" -> new LocalStorage(hub.lakeRoot());
            case "s3" -> S3Storage.open(s3(storage.get(LakeStorageOptions.S3_SECTION)));
            case "azure" -> AzureBlobStorage.open(azure(storage.get(LakeStorageOptions.AZURE_SECTION)));
            case "gcs" -> GcsStorage.open(gcs(storage.get(LakeStorageOptions.GCS_SECTION)));
            default -> throw new IllegalStateException("the spec admits no lake storage type "
                    + storage.get(LakeStorageOptions.TYPE));
        };
    }

    /**
     * Where the lake is, from the config alone (no connection, for {@code plan}): {@code local folder lake},
     * {@code s3://bucket/prefix (region eu-west-1, endpoint ...)}, {@code azure container ... at ...},
     * {@code gs://bucket/prefix}. Never a credential: account URLs and endpoints only.
     */
    public static String describe(HubConfig hub) {
        ConfigValues storage = hub.lakeStorage();
        return switch (storage.get(LakeStorageOptions.TYPE)) {
            case "s3" -> {
                ConfigValues s3 = storage.get(LakeStorageOptions.S3_SECTION);
                String endpoint = s3.get(LakeStorageOptions.S3_ENDPOINT);
                yield "s3://" + s3.get(LakeStorageOptions.S3_BUCKET) + "/" + prefix(s3.get(LakeStorageOptions.S3_PREFIX))
                        + " (region " + s3.get(LakeStorageOptions.S3_REGION)
                        + (endpoint == null ? "" : ", endpoint " + endpoint) + ")";
            }
            case "azure" -> {
                ConfigValues azure = storage.get(LakeStorageOptions.AZURE_SECTION);
                String account = azure.get(LakeStorageOptions.AZURE_ACCOUNT_URL);
                yield "azure container " + azure.get(LakeStorageOptions.AZURE_CONTAINER) + "/"
                        + prefix(azure.get(LakeStorageOptions.AZURE_PREFIX))
                        + (account == null ? " (account from the connection string)" : " at " + account);
            }
            case "gcs" -> {
                ConfigValues gcs = storage.get(LakeStorageOptions.GCS_SECTION);
                yield "gs://" + gcs.get(LakeStorageOptions.GCS_BUCKET) + "/" + prefix(gcs.get(LakeStorageOptions.GCS_PREFIX));
            }
            default -> "local folder " + hub.lakeRoot();
        };
    }

    private static String prefix(String prefix) {
        return prefix == null ? "" : prefix;
    }

    static S3Settings s3(ConfigValues s3) {
        return new S3Settings(s3.get(LakeStorageOptions.S3_BUCKET), Objects.requireNonNullElse(s3.get(LakeStorageOptions.S3_PREFIX), ""),
                s3.get(LakeStorageOptions.S3_REGION),
                Optional.ofNullable(s3.get(LakeStorageOptions.S3_ENDPOINT)).map(URI::create),
                s3.get(LakeStorageOptions.S3_PATH_STYLE),
                Optional.ofNullable(s3.get(LakeStorageOptions.S3_ACCESS_KEY_ID)),
                Optional.ofNullable(s3.get(LakeStorageOptions.S3_SECRET_ACCESS_KEY)),
                Math.toIntExact(s3.get(LakeStorageOptions.S3_PART_SIZE)));
    }

    static AzureSettings azure(ConfigValues azure) {
        return new AzureSettings(Optional.ofNullable(azure.get(LakeStorageOptions.AZURE_ACCOUNT_URL)),
                Optional.ofNullable(azure.get(LakeStorageOptions.AZURE_CONNECTION_STRING)),
                azure.get(LakeStorageOptions.AZURE_CONTAINER), Objects.requireNonNullElse(azure.get(LakeStorageOptions.AZURE_PREFIX), ""),
                Math.toIntExact(azure.get(LakeStorageOptions.AZURE_BLOCK_SIZE)));
    }

    static GcsSettings gcs(ConfigValues gcs) {
        return new GcsSettings(gcs.get(LakeStorageOptions.GCS_BUCKET), Objects.requireNonNullElse(gcs.get(LakeStorageOptions.GCS_PREFIX), ""),
                Optional.ofNullable(gcs.get(LakeStorageOptions.GCS_PROJECT_ID)),
                Optional.ofNullable(gcs.get(LakeStorageOptions.GCS_CREDENTIALS_FILE)),
                Math.toIntExact(gcs.get(LakeStorageOptions.GCS_CHUNK_SIZE)));
    }
}
