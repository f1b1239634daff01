package io.tributary.connector.azureiothub;

import org.apache.camel.CamelContext;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.support.DefaultEndpoint;

/**
 * An IoT Hub's built-in endpoint as a Camel consumer endpoint, with a consumer of this module's own on the Event Hubs
 * SDK's EventProcessorClient and BlobCheckpointStore.
 *
 * <p>Why not Camel azure-eventhubs' consumer (4.17): it checkpoints by one counter and timer for all partitions,
 * each time the partition of whichever event came last, so a later success checkpoints past an event whose Kafka write
 * failed or is still pending; it writes no checkpoint on stop; its checkpoint Timer is a non-daemon thread that is
 * never cancelled; it maps none of IoT Hub's system properties; its Blob endpoint is built from an account name with
 * Azure's public host. This hub acknowledges a message only after Kafka acknowledged it, which needs per-partition,
 * contiguous checkpoints ({@link PartitionProgress}). Camel azure-eventhubs' header names
 * ({@link org.apache.camel.component.azure.eventhubs.EventHubsConstants}) are kept.
 */
final class IotHubEndpoint extends DefaultEndpoint {

    private final IotHubSettings settings;

    IotHubEndpoint(String uri, CamelContext camel, IotHubSettings settings) {
        // no component: azure-eventhubs' component would configure this endpoint as one of its own
        super(uri, null);
        setCamelContext(camel);
        this.settings = settings;
    }

    IotHubSettings settings() {
        return settings;
    }

    @Override
    public Producer createProducer() {
        throw new IllegalStateException("a Tributary IoT Hub source only reads; it cannot be a route's destination");
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        IotHubConsumer consumer = new IotHubConsumer(this, processor, settings);
        configureConsumer(consumer);
        return consumer;
    }
}
