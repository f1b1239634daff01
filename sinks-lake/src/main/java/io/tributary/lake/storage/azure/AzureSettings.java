package io.tributary.lake.storage.azure;

import java.util.Objects;
import java.util.Optional;

/**
 * Where the lake lives in Azure Blob Storage (or ADLS Gen2, through its Blob endpoint).
 *
 * @param accountUrl       {@code https://<account>.blob.core.windows.net}; authenticates with
 *                         DefaultAzureCredential (managed identity, environment, Azure CLI)
 * @param connectionString a storage connection string instead, with the account key
 * @param container        the container
 * @param prefix           blob name prefix the lake lives under; empty for the container's root
 * @param blockSize        bytes per staged block: what one open file buffers at most
 */
public record AzureSettings(Optional<String> accountUrl, Optional<String> connectionString, String container,
                            String prefix, int blockSize) {

    /** Azure allows at most 50,000 blocks per blob; smaller blocks than this cap files too low. */
    public static final int MIN_BLOCK_SIZE = 1 << 20;

    public AzureSettings {
        Objects.requireNonNull(container, "container");
        Objects.requireNonNull(prefix, "prefix");
        if (accountUrl.isPresent() == connectionString.isPresent()) {
            throw new IllegalArgumentException("exactly one of accountUrl and connectionString");
        }
        if (blockSize < MIN_BLOCK_SIZE) {
            throw new IllegalArgumentException("blockSize " + blockSize + " is below 1 MiB");
        }
    }

    @Override
    public String toString() {
        // the connection string carries the account key: name only the container
        return "azure blob container " + container + "/" + prefix + accountUrl.map(u -> " at " + u).orElse("");
    }
}
