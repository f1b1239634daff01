package io.tributary.it.lake.storage;

import io.tributary.it.lake.LakeSinkProcess;
import io.tributary.lake.LakeSink;
import io.tributary.lake.storage.LakeStorage;
import io.tributary.lake.storage.azure.AzureBlobStorage;
import io.tributary.lake.storage.azure.AzureSettings;
import io.tributary.lake.storage.s3.S3Settings;
import io.tributary.lake.storage.s3.S3Storage;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * A child JVM running only the lake sink of one table over an object store (as the hub builds it
 * from lake.storage), so a crash test kills the lake and its uploads and nothing else.
 *
 * <p>Arguments: {@code <bootstrap> <storage> <table> <topic> <maxRecords> <maxAge ms>} where storage
 * is {@code azure:<container>:<prefix>} (connection string in {@value #AZURE_CONNECTION_ENV}) or
 * {@code s3:<bucket>:<prefix>:<endpoint>} (path style; keys in {@value #S3_KEY_ENV} and
 * {@value #S3_SECRET_ENV}). Prints {@value LakeSinkProcess#RUNNING} once started; stops cleanly on SIGTERM.
 */
public final class ObjectStoreSinkProcess {

    static final String AZURE_CONNECTION_ENV = "LAKE_AZURE_CONNECTION";
    static final String S3_KEY_ENV = "LAKE_S3_KEY";
    static final String S3_SECRET_ENV = "LAKE_S3_SECRET";

    private ObjectStoreSinkProcess() {
    }

    /** Opens the storage an argument names, with its secrets from {@code env}. */
    static LakeStorage open(String storage, Map<String, String> env) {
        String[] parts = storage.split(":", 4);
        return switch (parts[0]) {
            case "azure" -> AzureBlobStorage.open(new AzureSettings(Optional.empty(),
                    Optional.of(env.get(AZURE_CONNECTION_ENV)), parts[1], parts[2], AzureSettings.MIN_BLOCK_SIZE));
            case "s3" -> S3Storage.open(new S3Settings(parts[1], parts[2], "us-east-1", Optional.of(URI.create(parts[3])),
                    true, Optional.of(env.get(S3_KEY_ENV)), Optional.of(env.get(S3_SECRET_ENV)), S3Settings.MIN_PART_SIZE));
            default -> throw new IllegalArgumentException("unknown storage " + storage);
        };
    }

    public static void main(String[] args) throws Exception {
        LakeSinkProcess.runUntilStopped(listener -> new LakeSink(
                LakeSinkProcess.table(args[2], args[3], Long.parseLong(args[4]),
                        Duration.ofMillis(Long.parseLong(args[5]))),
                open(args[1], System.getenv()),
                Map.of("bootstrap.servers", args[0], "group.instance.id", "object-store-crash-sink"), listener));
    }
}
