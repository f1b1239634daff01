package io.tributary.connector.azureiothub;

import io.tributary.spec.ConfigValues;
import java.time.Duration;
import java.time.Instant;

/**
 * What the consumer of one source needs, taken from its validated options. It holds two secrets (the endpoint's and
 * the storage account's connection strings), so {@link #toString()} names only where it reads.
 */
record IotHubSettings(String connectionString, EventHubsConnectionString endpoint, String eventHubName,
                      String iotHubName, String consumerGroup, String blobConnectionString, String blobAccountUrl,
                      String container, String startingPosition, Instant startingEnqueuedTime, int prefetch,
                      int maxBatchSize, int maxInFlight, Duration checkpointInterval, Duration loadBalancingInterval,
                      Duration ownershipExpiration) {

    static IotHubSettings from(ConfigValues values) {
        String connection = values.get(AzureIotHubOptions.CONNECTION_STRING);
        ConfigValues store = values.get(AzureIotHubOptions.CHECKPOINT);
        String enqueued = values.get(AzureIotHubOptions.STARTING_ENQUEUED_TIME);
        return new IotHubSettings(connection, EventHubsConnectionString.parse(connection),
                AzureIotHubOptions.eventHubName(values), values.get(AzureIotHubOptions.IOT_HUB_NAME_OPTION),
                values.get(AzureIotHubOptions.CONSUMER_GROUP_OPTION),
                store.get(AzureIotHubOptions.BLOB_CONNECTION_STRING), store.get(AzureIotHubOptions.BLOB_ACCOUNT_URL),
                store.get(AzureIotHubOptions.BLOB_CONTAINER), values.get(AzureIotHubOptions.STARTING_POSITION),
                enqueued == null ? null : Instant.parse(enqueued), values.get(AzureIotHubOptions.PREFETCH),
                values.get(AzureIotHubOptions.MAX_BATCH_SIZE), values.get(AzureIotHubOptions.MAX_IN_FLIGHT),
                values.get(AzureIotHubOptions.CHECKPOINT_INTERVAL),
                values.get(AzureIotHubOptions.LOAD_BALANCING_INTERVAL),
                values.get(AzureIotHubOptions.OWNERSHIP_EXPIRATION));
    }

    /** Namespace, event hub and consumer group: what logs may say about this source. */
    String where() {
        return "sb://" + endpoint.address() + "/" + eventHubName + " (IoT Hub " + iotHubName + ", consumer group "
                + consumerGroup + ")";
    }

    @Override
    public String toString() {
        return where();
    }
}
