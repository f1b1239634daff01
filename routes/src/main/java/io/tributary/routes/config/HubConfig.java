package io.tributary.routes.config;

import io.tributary.spec.ConfigValues;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** The validated {@code hub.yaml}. */
public final class HubConfig {

    private final ConfigValues kafka;
    private final ConfigValues lake;
    private final ConfigValues http;

    HubConfig(ConfigValues root) {
        this.kafka = root.get(HubOptions.KAFKA_SECTION);
        this.lake = root.get(HubOptions.LAKE_SECTION);
        this.http = root.get(HubOptions.HTTP_SECTION);
    }

    public String bootstrapServers() {
        return kafka.get(HubOptions.BOOTSTRAP_SERVERS);
    }

    public String clientId() {
        return kafka.get(HubOptions.CLIENT_ID);
    }

    /** The largest payload the hub writes to Kafka; see {@link HubOptions#MAX_MESSAGE_BYTES}. */
    public int maxMessageBytes() {
        return Math.toIntExact(kafka.get(HubOptions.MAX_MESSAGE_BYTES));
    }

    /** Connection and security settings every Kafka client of the hub shares. */
    public Map<String, Object> kafkaClientProperties() {
        Map<String, Object> props = new HashMap<>();
        props.put("bootstrap.servers", bootstrapServers());
        String protocol = kafka.get(HubOptions.SECURITY_PROTOCOL);
        props.put("security.protocol", protocol);
        if (protocol.startsWith("SASL")) {
            String mechanism = kafka.get(HubOptions.SASL_MECHANISM);
            props.put("sasl.mechanism", mechanism);
            String module = mechanism.equals("PLAIN")
                    ? "org.apache.kafka.common.security.plain.PlainLoginModule"
                    : "org.apache.kafka.common.security.scram.ScramLoginModule";
            props.put("sasl.jaas.config", module + " required username=\"" + kafka.get(HubOptions.SASL_USERNAME)
                    + "\" password=\"" + kafka.get(HubOptions.SASL_PASSWORD) + "\";");
        }
        if (kafka.isSet(HubOptions.TRUSTSTORE)) {
            props.put("ssl.truststore.location", kafka.get(HubOptions.TRUSTSTORE));
            props.put("ssl.truststore.type", "PKCS12");
            if (kafka.isSet(HubOptions.TRUSTSTORE_PASSWORD)) {
                props.put("ssl.truststore.password", kafka.get(HubOptions.TRUSTSTORE_PASSWORD));
            }
        }
        return props;
    }

    public Path lakeRoot() {
        return Path.of(lake.get(HubOptions.LAKE_ROOT));
    }

    /** The validated {@code lake.storage} section (all defaults, type local, when absent). */
    public ConfigValues lakeStorage() {
        return lake.get(HubOptions.LAKE_STORAGE);
    }

    /** {@code lake.instanceId}: the static member id prefix of the lake consumers, if set. */
    public Optional<String> lakeInstanceId() {
        return lake.isSet(HubOptions.LAKE_INSTANCE_ID) ? Optional.of(lake.get(HubOptions.LAKE_INSTANCE_ID))
                : Optional.empty();
    }

    public boolean httpEnabled() {
        return http.get(HubOptions.HTTP_ENABLED);
    }

    public String httpHost() {
        return http.get(HubOptions.HTTP_HOST);
    }

    public int httpPort() {
        return http.get(HubOptions.HTTP_PORT);
    }
}
