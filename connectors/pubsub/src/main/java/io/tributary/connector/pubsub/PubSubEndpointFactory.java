package io.tributary.connector.pubsub;

import io.tributary.connector.SourceDefinition;
import io.tributary.spec.ConfigValues;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.component.google.pubsub.GooglePubsubComponent;

/**
 * Builds the source's endpoint. Its URI holds only project and subscription (plus the source name, so two sources
 * never share an endpoint); the key file path and the emulator address live on the endpoint object.
 */
final class PubSubEndpointFactory {

    private PubSubEndpointFactory() {
    }

    static Endpoint endpoint(SourceDefinition source, CamelContext camel) {
        PullSettings settings = settings(source.protocol());
        ConfigValues pubsub = source.protocol();
        String keyFile = pubsub.get(PubSubOptions.CREDENTIALS_FILE);
        PubSubConnection connection = new PubSubConnection(pubsub.get(PubSubOptions.EMULATOR_HOST),
                keyFile == null ? null : Path.of(keyFile));
        String uri = uri(settings, source.name());
        GooglePubsubComponent component = camel.getComponent("google-pubsub", GooglePubsubComponent.class);
        PubSubEndpoint endpoint = new PubSubEndpoint(uri, component, settings, connection);
        try {
            camel.addEndpoint(uri, endpoint);
        } catch (Exception e) {
            throw new IllegalStateException("cannot register the Pub/Sub endpoint " + uri + ": " + e.getMessage(), e);
        }
        return endpoint;
    }

    static PullSettings settings(ConfigValues pubsub) {
        return new PullSettings(pubsub.get(PubSubOptions.PROJECT), pubsub.get(PubSubOptions.SUBSCRIPTION),
                pubsub.get(PubSubOptions.CREATE_SUBSCRIPTION) ? pubsub.get(PubSubOptions.TOPIC) : null,
                pubsub.get(PubSubOptions.MAX_OUTSTANDING_MESSAGES), pubsub.get(PubSubOptions.MAX_OUTSTANDING_BYTES),
                pubsub.get(PubSubOptions.ACK_DEADLINE), pubsub.get(PubSubOptions.CONCURRENT_STREAMS),
                pubsub.get(PubSubOptions.ORDERING));
    }

    static String uri(PullSettings settings, String sourceName) {
        return "google-pubsub:" + settings.project() + ":" + settings.subscription() + "?loggerId="
                + URLEncoder.encode("tributary." + sourceName, StandardCharsets.UTF_8);
    }
}
