package io.tributary.it.azure;

import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobContainerClientBuilder;
import com.azure.storage.blob.models.BlobItem;
import com.azure.storage.blob.models.BlobListDetails;
import com.azure.storage.blob.models.ListBlobsOptions;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads the checkpoints the Event Hubs SDK's BlobCheckpointStore keeps in a container: one blob per partition,
 * {@code <namespace>/<hub>/<group>/checkpoint/<partition>}, with the position in its metadata.
 */
final class CheckpointBlobs {

    private CheckpointBlobs() {
    }

    /** Partition id to checkpointed sequence number; partitions without a checkpoint are absent. */
    static Map<String, Long> sequenceNumbers(String storageConnection, String container) {
        BlobContainerClient client = new BlobContainerClientBuilder().connectionString(storageConnection)
                .containerName(container).buildClient();
        Map<String, Long> checkpoints = new TreeMap<>();
        if (!client.exists()) {
            return checkpoints;
        }
        for (BlobItem blob : client.listBlobs(new ListBlobsOptions().setDetails(
                new BlobListDetails().setRetrieveMetadata(true)), null)) {
            String name = blob.getName();
            Map<String, String> metadata = blob.getMetadata();
            if (name.contains("/checkpoint/") && metadata != null && metadata.get("sequencenumber") != null) {
                checkpoints.put(name.substring(name.lastIndexOf('/') + 1),
                        Long.parseLong(metadata.get("sequencenumber")));
            }
        }
        return checkpoints;
    }
}
