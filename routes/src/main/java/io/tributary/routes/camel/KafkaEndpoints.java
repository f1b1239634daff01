package io.tributary.routes.camel;

import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.component.kafka.KafkaComponent;
import org.apache.camel.component.kafka.KafkaConfiguration;

/**
 * Configures Camel's Kafka component once, programmatically, so credentials never appear in an endpoint URI
 * (and so never in a log), and hands out producer URIs that carry only non-secret settings.
 */
public final class KafkaEndpoints {

    /** Room for the key and headers (CloudEvents, protocol metadata) on top of the largest payload. */
    static final int RECORD_OVERHEAD_BYTES = 64 * 1024;

    private final String clientId;
    private final int maxPayloadBytes;

    private KafkaEndpoints(String clientId, int maxPayloadBytes) {
        this.clientId = clientId;
        this.maxPayloadBytes = maxPayloadBytes;
    }

    /**
     * @param maxPayloadBytes the largest payload written; the producer takes records that large plus their headers,
     *                        so a larger payload is the route's to refuse, never the producer's
     */
    public static KafkaEndpoints install(CamelContext camel, Map<String, Object> clientProperties, String clientId,
                                         int maxPayloadBytes) {
        KafkaConfiguration configuration = new KafkaConfiguration();
        configuration.setBrokers((String) clientProperties.get("bootstrap.servers"));
        configuration.setSecurityProtocol((String) clientProperties.get("security.protocol"));
        if (clientProperties.containsKey("sasl.mechanism")) {
            configuration.setSaslMechanism((String) clientProperties.get("sasl.mechanism"));
            configuration.setSaslJaasConfig((String) clientProperties.get("sasl.jaas.config"));
        }
        if (clientProperties.containsKey("ssl.truststore.location")) {
            configuration.setSslTruststoreLocation((String) clientProperties.get("ssl.truststore.location"));
            configuration.setSslTruststoreType((String) clientProperties.get("ssl.truststore.type"));
            configuration.setSslTruststorePassword((String) clientProperties.get("ssl.truststore.password"));
        }
        // no loss: every in-sync replica has the record before the source is acknowledged, and retries of the
        // idempotent producer cannot duplicate or reorder records of one key
        configuration.setRequestRequiredAcks("all");
        configuration.setEnableIdempotence(true);
        configuration.setMaxInFlightRequest(5);
        configuration.setLingerMs(5);
        configuration.setMaxRequestSize(maxRecordBytes(maxPayloadBytes));
        configuration.setKeySerializer("org.apache.kafka.common.serialization.StringSerializer");
        configuration.setValueSerializer("org.apache.kafka.common.serialization.ByteArraySerializer");
        KafkaComponent component = new KafkaComponent(camel);
        component.setConfiguration(configuration);
        camel.addComponent("kafka", component);
        return new KafkaEndpoints(clientId, maxPayloadBytes);
    }

    /** The record size a topic and the producer must allow for payloads up to {@code maxPayloadBytes}. */
    public static int maxRecordBytes(int maxPayloadBytes) {
        return maxPayloadBytes + RECORD_OVERHEAD_BYTES;
    }

    public int maxPayloadBytes() {
        return maxPayloadBytes;
    }

    public String producerUri(String topic) {
        return "kafka:" + topic + "?clientId=" + clientId + "-" + topic;
    }
}
