package io.tributary.routes.config;

import io.tributary.spec.ConfigValues;
import io.tributary.spec.Option;
import io.tributary.spec.Section;

/**
 * The declaration of {@code lake.storage} in {@code hub.yaml}: where lake files live. {@code type}
 * picks the backend and the section of the same name configures it, as a source's {@code type}
 * picks its protocol section.
 */
public final class LakeStorageOptions {

    private static final long MIB = 1L << 20;

    // ---- s3
    public static final Option<String> S3_BUCKET = Option.string("bucket").required()
            .description("The bucket the lake is written to.").build();
    public static final Option<String> S3_PREFIX = Option.string("prefix")
            .description("Key prefix the lake lives under, without a trailing slash; the bucket's root when unset.").build();
    public static final Option<String> S3_REGION = Option.string("region").defaultValue("us-east-1")
            .description("The bucket's region (the signing region for S3-compatible stores).").build();
    public static final Option<String> S3_ENDPOINT = Option.string("endpoint")
            .check(LakeStorageOptions::httpUrl)
            .description("Endpoint of an S3-compatible store (MinIO, Ceph, ...); AWS's own endpoints when unset.").build();
    public static final Option<Boolean> S3_PATH_STYLE = Option.bool("pathStyle").defaultValue(false)
            .description("Address buckets as endpoint/bucket instead of bucket.endpoint; most S3-compatible stores need it.")
            .build();
    public static final Option<String> S3_ACCESS_KEY_ID = Option.string("accessKeyId").secret()
            .description("Static credentials; the AWS default provider chain (environment, profile, instance role) when unset.")
            .build();
    public static final Option<String> S3_SECRET_ACCESS_KEY = Option.string("secretAccessKey").secret()
            .description("The secret of accessKeyId.").build();
    public static final Option<Long> S3_PART_SIZE = Option.byteSize("partSize").defaultValue(8_000_000L)
            .check(n -> n >= 5 * MIB && n <= 1024 * MIB ? null
                    : "must be between 5MiB (S3's smallest part) and 1GiB (held in memory per open file)")
            .description("Size of each multipart part. Parts are uploaded as soon as they are full, so this is what "
                    + "one open file holds in memory at most.").build();
    public static final Section S3 = Section.builder("Lake files in S3 or an S3-compatible store: each file is a "
                    + "multipart upload, completed when its Kafka offsets are committed.")
            .add(S3_BUCKET, S3_PREFIX, S3_REGION, S3_ENDPOINT, S3_PATH_STYLE, S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY,
                    S3_PART_SIZE)
            .rule(values -> {
                if (values.isSet(S3_ACCESS_KEY_ID) != values.isSet(S3_SECRET_ACCESS_KEY)) {
                    values.report(values.isSet(S3_ACCESS_KEY_ID) ? S3_ACCESS_KEY_ID : S3_SECRET_ACCESS_KEY,
                            "accessKeyId and secretAccessKey go together: set both, or neither for the default chain");
                }
            })
            .build();

    // ---- azure
    public static final Option<String> AZURE_ACCOUNT_URL = Option.string("accountUrl").check(LakeStorageOptions::httpUrl)
            .description("Blob endpoint of the account, https://<account>.blob.core.windows.net; authenticates with "
                    + "DefaultAzureCredential (managed identity, environment, Azure CLI).").build();
    public static final Option<String> AZURE_CONNECTION_STRING = Option.string("connectionString").secret()
            .description("A storage connection string with the account key, instead of accountUrl.").build();
    public static final Option<String> AZURE_CONTAINER = Option.string("container").required()
            .check(name -> name.matches("[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]") ? null
                    : "must be 3-63 lower-case letters, digits and single hyphens (Azure's container names)")
            .description("The container the lake is written to; it must exist.").build();
    public static final Option<String> AZURE_PREFIX = Option.string("prefix")
            .description("Blob name prefix the lake lives under, without a trailing slash; the container's root when unset.")
            .build();
    public static final Option<Long> AZURE_BLOCK_SIZE = Option.byteSize("blockSize").defaultValue(8_000_000L)
            .check(n -> n >= MIB && n <= 1024 * MIB ? null
                    : "must be between 1MiB and 1GiB (held in memory per open file)")
            .description("Size of each staged block. Blocks are staged as soon as they are full, so this is what one "
                    + "open file holds in memory at most; a blob has at most 50,000 blocks.").build();
    public static final Section AZURE = Section.builder("Lake files in Azure Blob Storage or ADLS Gen2 (through "
                    + "its Blob endpoint): each file is a block blob whose block list is committed when its Kafka "
                    + "offsets are committed.")
            .add(AZURE_ACCOUNT_URL, AZURE_CONNECTION_STRING, AZURE_CONTAINER, AZURE_PREFIX, AZURE_BLOCK_SIZE)
            .rule(values -> {
                if (values.isSet(AZURE_ACCOUNT_URL) == values.isSet(AZURE_CONNECTION_STRING)) {
                    values.report(values.isSet(AZURE_ACCOUNT_URL) ? AZURE_CONNECTION_STRING : AZURE_ACCOUNT_URL,
                            "set exactly one of accountUrl (DefaultAzureCredential) and connectionString");
                }
            })
            .build();

    // ---- gcs
    public static final Option<String> GCS_BUCKET = Option.string("bucket").required()
            .description("The bucket the lake is written to.").build();
    public static final Option<String> GCS_PREFIX = Option.string("prefix")
            .description("Object name prefix the lake lives under, without a trailing slash; the bucket's root when unset.")
            .build();
    public static final Option<String> GCS_PROJECT_ID = Option.string("projectId")
            .description("The Google Cloud project, when the credentials do not name one.").build();
    public static final Option<String> GCS_CREDENTIALS_FILE = Option.string("credentialsFile")
            .description("A service account key file; Application Default Credentials when unset.").build();
    public static final Option<Long> GCS_CHUNK_SIZE = Option.byteSize("chunkSize").defaultValue(16 * MIB)
            .check(n -> n >= 256 * 1024 && n % (256 * 1024) == 0 && n <= 1024 * MIB ? null
                    : "must be a multiple of 256KiB, at most 1GiB (resumable uploads send whole 256KiB units)")
            .description("Bytes a resumable upload sends per request: what one open file holds in memory at most.")
            .build();
    public static final Section GCS = Section.builder("Lake files in Google Cloud Storage: each file is uploaded "
                    + "to a staging object and copied into place when its Kafka offsets are committed.")
            .add(GCS_BUCKET, GCS_PREFIX, GCS_PROJECT_ID, GCS_CREDENTIALS_FILE, GCS_CHUNK_SIZE).build();

    // ---- the choice
    public static final Option<String> TYPE = Option.oneOf("type", "local", "s3", "azure", "gcs").defaultValue("local")
            .description("The backend: local writes under lake.root; s3, azure and gcs use the section of the same name.")
            .build();
    public static final Option<ConfigValues> S3_SECTION = Option.section("s3", S3)
            .description("S3 settings, for type s3.").build();
    public static final Option<ConfigValues> AZURE_SECTION = Option.section("azure", AZURE)
            .description("Azure Blob settings, for type azure.").build();
    public static final Option<ConfigValues> GCS_SECTION = Option.section("gcs", GCS)
            .description("Google Cloud Storage settings, for type gcs.").build();

    public static final Section STORAGE = Section.builder("Where lake files are stored.")
            .add(TYPE, S3_SECTION, AZURE_SECTION, GCS_SECTION)
            .rule(LakeStorageOptions::checkBackendSection)
            .build();

    private LakeStorageOptions() {
    }

    /** The section of the chosen type must be there, and no other backend's section. */
    private static void checkBackendSection(ConfigValues values) {
        String type = values.get(TYPE);
        for (Option<ConfigValues> section : java.util.List.of(S3_SECTION, AZURE_SECTION, GCS_SECTION)) {
            boolean chosen = section.name().equals(type);
            if (chosen && !values.isSet(section)) {
                values.report(TYPE, "type " + type + " needs a '" + type + "' section next to it");
            } else if (!chosen && values.isSet(section)) {
                values.report(section, "only used with type " + section.name() + " (type is " + type + ")");
            }
        }
    }

    private static String httpUrl(String value) {
        return value.matches("https?://[^\\s/]+(/\\S*)?") ? null : "must be an http:// or https:// URL";
    }
}
