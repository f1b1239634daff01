package io.tributary.connector.azureiothub;

import com.azure.identity.DefaultAzureCredentialBuilder;
import com.azure.messaging.eventhubs.CheckpointStore;
import com.azure.messaging.eventhubs.checkpointstore.blob.BlobCheckpointStore;
import com.azure.storage.blob.BlobContainerAsyncClient;
import com.azure.storage.blob.BlobContainerClientBuilder;
import com.azure.storage.blob.models.BlobStorageException;
import java.time.Duration;

/**
 * The Blob container that holds a source's checkpoints and partition ownership, reached by a storage connection
 * string or by an account URL with DefaultAzureCredential, and created when missing. Its endpoint comes from the
 * configuration (Camel azure-eventhubs builds it from an account name with Azure's public host, so Azurite, sovereign
 * clouds and private endpoints could not be used).
 */
final class CheckpointContainer {

    private static final Duration CREATE_TIMEOUT = Duration.ofSeconds(30);

    private CheckpointContainer() {
    }

    static CheckpointStore open(IotHubSettings settings) {
        BlobContainerClientBuilder builder = new BlobContainerClientBuilder().containerName(settings.container());
        if (settings.blobConnectionString() != null) {
            builder.connectionString(settings.blobConnectionString());
        } else {
            builder.endpoint(settings.blobAccountUrl()).credential(new DefaultAzureCredentialBuilder().build());
        }
        BlobContainerAsyncClient container = builder.buildAsyncClient();
        try {
            container.createIfNotExists().block(CREATE_TIMEOUT);
        } catch (BlobStorageException e) {
            throw new IllegalStateException("cannot create or open the checkpoint container '" + settings.container()
                    + "' at " + container.getAccountUrl() + ": " + e.getStatusCode() + " " + e.getErrorCode(), e);
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot reach the checkpoint container '" + settings.container() + "' at "
                    + container.getAccountUrl() + ": " + e.getMessage(), e);
        }
        return new BlobCheckpointStore(container);
    }
}
