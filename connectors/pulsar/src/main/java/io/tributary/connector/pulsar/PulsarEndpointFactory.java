package io.tributary.connector.pulsar;

import io.tributary.connector.SourceDefinition;
import io.tributary.spec.ConfigValues;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.component.pulsar.PulsarComponent;
import org.apache.camel.component.pulsar.PulsarConfiguration;
import org.apache.camel.component.pulsar.utils.consumers.SubscriptionInitialPosition;
import org.apache.camel.component.pulsar.utils.consumers.SubscriptionType;

/**
 * Builds one Camel Pulsar endpoint per topic (or one for the pattern), all on the source's subscription. The
 * endpoint URI carries only topic and source name; client, TLS and token live on the endpoint object.
 *
 * <p>Settings that differ from Camel's defaults, and why: manual acknowledgement with {@link AcknowledgeOnCompletion}
 * (ack after Kafka, nack on failure); no ack timeout (Camel's 10 s would redeliver, and so duplicate, any message
 * whose Kafka write is merely slow: a message is redelivered only when nacked or when its consumer is gone); a
 * receiver queue of receiverQueueSize instead of 10; and the negative-ack delay and dead-letter policy from the
 * source.
 */
final class PulsarEndpointFactory {

    private PulsarEndpointFactory() {
    }

    static List<Endpoint> endpoints(SourceDefinition source, CamelContext camel) {
        ConfigValues pulsar = source.protocol();
        PulsarComponent component = camel.getComponent("pulsar", PulsarComponent.class);
        component.setPulsarMessageReceiptFactory(new AcknowledgeOnCompletion());
        List<Endpoint> endpoints = new ArrayList<>();
        for (TopicNames topic : topics(pulsar)) {
            String uri = "pulsar:" + URLEncoder.encode(topic.full(), StandardCharsets.UTF_8) + "?source="
                    + URLEncoder.encode(source.name(), StandardCharsets.UTF_8);
            String description = topic.full() + " (subscription " + pulsar.get(PulsarOptions.SUBSCRIPTION) + " on "
                    + pulsar.get(PulsarOptions.SERVICE_URL) + ")";
            PulsarSourceEndpoint endpoint = new PulsarSourceEndpoint(uri, component, PulsarClients.create(pulsar),
                    description);
            endpoint.setPersistence(topic.domain());
            endpoint.setTenant(topic.tenant());
            endpoint.setNamespace(topic.namespace());
            endpoint.setTopic(topic.local());
            endpoint.setPulsarConfiguration(configuration(pulsar));
            try {
                camel.addEndpoint(uri, endpoint);
            } catch (Exception e) {
                throw new IllegalStateException("cannot register the Pulsar endpoint " + uri + ": " + e.getMessage(), e);
            }
            endpoints.add(endpoint);
        }
        return endpoints;
    }

    /** The topics as written, or the one pattern. */
    static List<TopicNames> topics(ConfigValues pulsar) {
        if (pulsar.isSet(PulsarOptions.TOPICS_PATTERN)) {
            return List.of(TopicNames.parsePattern(pulsar.get(PulsarOptions.TOPICS_PATTERN)));
        }
        return pulsar.get(PulsarOptions.TOPICS).stream().map(TopicNames::parse).toList();
    }

    static PulsarConfiguration configuration(ConfigValues pulsar) {
        PulsarConfiguration configuration = new PulsarConfiguration();
        configuration.setTopicsPattern(pulsar.isSet(PulsarOptions.TOPICS_PATTERN));
        configuration.setSubscriptionName(pulsar.get(PulsarOptions.SUBSCRIPTION));
        configuration.setSubscriptionType(subscriptionType(pulsar.get(PulsarOptions.SUBSCRIPTION_TYPE)));
        configuration.setSubscriptionInitialPosition(PulsarOptions.LATEST.equals(pulsar.get(PulsarOptions.INITIAL_POSITION))
                ? SubscriptionInitialPosition.LATEST : SubscriptionInitialPosition.EARLIEST);
        configuration.setConsumerQueueSize(pulsar.get(PulsarOptions.RECEIVER_QUEUE_SIZE));
        configuration.setNumberOfConsumers(pulsar.get(PulsarOptions.CONSUMERS));
        configuration.setMessageListener(true);
        configuration.setAllowManualAcknowledgement(true);
        configuration.setAckTimeoutMillis(0);
        configuration.setNegativeAckRedeliveryDelayMicros(
                pulsar.get(PulsarOptions.NEGATIVE_ACK_REDELIVERY_DELAY).toNanos() / 1_000);
        int maxRedeliveries = pulsar.get(PulsarOptions.MAX_REDELIVERIES);
        if (maxRedeliveries > 0) {
            configuration.setMaxRedeliverCount(maxRedeliveries);
            if (pulsar.isSet(PulsarOptions.DEAD_LETTER_TOPIC)) {
                configuration.setDeadLetterTopic(TopicNames.parse(pulsar.get(PulsarOptions.DEAD_LETTER_TOPIC)).full());
            }
        }
        return configuration;
    }

    private static SubscriptionType subscriptionType(String type) {
        return switch (type) {
            case PulsarOptions.EXCLUSIVE -> SubscriptionType.EXCLUSIVE;
            case PulsarOptions.SHARED -> SubscriptionType.SHARED;
            case PulsarOptions.FAILOVER -> SubscriptionType.FAILOVER;
            case PulsarOptions.KEY_SHARED -> SubscriptionType.KEY_SHARED;
            default -> throw new IllegalArgumentException("unknown subscription type " + type);
        };
    }
}
