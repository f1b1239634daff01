package io.tributary.connector.pulsar;

import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.component.pulsar.PulsarComponent;
import org.apache.camel.component.pulsar.PulsarEndpoint;
import org.apache.pulsar.client.api.PulsarClient;
import org.apache.pulsar.client.api.PulsarClientException;

/**
 * Camel's Pulsar endpoint with the source's own client, which Camel's endpoint uses but never closes (it expects a
 * client shared through the component). Closing it here, after the consumer stopped, ends the client's threads and
 * connections with the route. Its consumer is {@link PulsarSourceConsumer}, which fails a start that subscribed
 * nothing.
 */
final class PulsarSourceEndpoint extends PulsarEndpoint {

    private final String description;

    PulsarSourceEndpoint(String uri, PulsarComponent component, PulsarClient client, String description) {
        super(uri, component);
        this.description = description;
        setPulsarClient(client);
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        PulsarSourceConsumer consumer = new PulsarSourceConsumer(this, processor, description);
        configureConsumer(consumer);
        return consumer;
    }

    @Override
    protected void doStop() throws Exception {
        super.doStop();
        PulsarClient client = getPulsarClient();
        if (client != null) {
            try {
                client.close();
            } catch (PulsarClientException e) {
                // already closed or the broker is gone: nothing left to release
            }
        }
    }
}
