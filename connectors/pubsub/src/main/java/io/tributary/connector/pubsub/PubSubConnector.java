package io.tributary.connector.pubsub;

import io.tributary.connector.MessageMetadata;
import io.tributary.connector.SourceConnector;
import io.tributary.connector.SourceDefinition;
import io.tributary.spec.ConfigValues;
import io.tributary.spec.Section;
import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;

/** {@code type: pubsub}: a streaming pull from one Google Cloud Pub/Sub subscription through Camel google-pubsub. */
public final class PubSubConnector implements SourceConnector {

    @Override
    public String type() {
        return "pubsub";
    }

    @Override
    public String description() {
        return "A Google Cloud Pub/Sub subscription (or the Pub/Sub emulator): streaming pull with flow control, "
                + "acknowledging each message only after Kafka stored it.";
    }

    @Override
    public Section options() {
        return PubSubOptions.SECTION;
    }

    @Override
    public List<Endpoint> endpoints(SourceDefinition source, CamelContext camel) {
        return List.of(PubSubEndpointFactory.endpoint(source, camel));
    }

    @Override
    public MessageMetadata metadata(Exchange exchange) {
        return PubSubMetadataMapper.metadata(exchange);
    }

    /** {@code pubsub://<project>/subscriptions/<subscription>}; never a credential or a key file's content. */
    @Override
    public String describeOrigin(SourceDefinition source) {
        ConfigValues pubsub = source.protocol();
        return "pubsub://" + pubsub.get(PubSubOptions.PROJECT) + "/subscriptions/" + pubsub.get(PubSubOptions.SUBSCRIPTION);
    }
}
