package io.tributary.connector.pubsub;

import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.component.google.pubsub.GooglePubsubComponent;
import org.apache.camel.component.google.pubsub.GooglePubsubEndpoint;

/**
 * Camel's google-pubsub endpoint with a consumer that the hub needs and Camel 4.17's does not offer: its receiver
 * drops the ordering key, and its subscriber takes no flow control, parallel pull count, ack deadline or worker
 * count (and opens a new, never closed, emulator channel per subscriber). Acknowledging stays Camel's ack mode
 * AUTO: {@link org.apache.camel.component.google.pubsub.consumer.AcknowledgeCompletion} acks when the exchange
 * completes and nacks when it fails.
 */
final class PubSubEndpoint extends GooglePubsubEndpoint {

    private final PullSettings settings;
    private final PubSubConnection connection;

    PubSubEndpoint(String uri, GooglePubsubComponent component, PullSettings settings, PubSubConnection connection) {
        super(uri, component);
        this.settings = settings;
        this.connection = connection;
        setProjectId(settings.project());
        setDestinationName(settings.subscription());
        setAuthenticate(!connection.usesEmulator());
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        afterPropertiesSet();
        PubSubConsumer consumer = new PubSubConsumer(this, processor, settings, connection);
        configureConsumer(consumer);
        return consumer;
    }

    PullSettings settings() {
        return settings;
    }

    @Override
    protected void doStop() throws Exception {
        super.doStop();
        connection.close();
    }
}
