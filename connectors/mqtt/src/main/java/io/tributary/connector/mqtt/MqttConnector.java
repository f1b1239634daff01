package io.tributary.connector.mqtt;

import io.tributary.connector.MessageMetadata;
import io.tributary.connector.SourceConnector;
import io.tributary.connector.SourceDefinition;
import io.tributary.spec.Section;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;

/** {@code type: mqtt}: subscribes to MQTT 5 or 3.1.1 topic filters through Camel's Paho components. */
public final class MqttConnector implements SourceConnector {

    @Override
    public String type() {
        return "mqtt";
    }

    @Override
    public String description() {
        return "An MQTT 5 or 3.1.1 broker (Mosquitto, HiveMQ, EMQX, ...): subscribes to topic filters and "
                + "acknowledges each message only after Kafka stored it.";
    }

    @Override
    public Section options() {
        return MqttOptions.SECTION;
    }

    @Override
    public List<Endpoint> endpoints(SourceDefinition source, CamelContext camel) {
        return MqttEndpointFactory.endpoints(source, camel);
    }

    @Override
    public MessageMetadata metadata(Exchange exchange) {
        return MqttMetadataMapper.metadata(exchange);
    }

    /** The broker url with the filters as a query, e.g. {@code tcp://broker:1883?topics=fleet/+/telemetry}. */
    @Override
    public String describeOrigin(SourceDefinition source) {
        String topics = source.protocol().get(MqttOptions.TOPICS).stream()
                .map(MqttConnector::escape)
                .collect(Collectors.joining(","));
        return source.protocol().get(MqttOptions.URL) + "?topics=" + topics;
    }

    /** Keeps filters readable ('+', '/', '$' are legal in a query) while the whole stays a valid URI. */
    private static String escape(String filter) {
        StringBuilder out = new StringBuilder();
        for (byte b : filter.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            boolean plain = c > 0x20 && c < 0x7f && "#%&,\"<>\\^`{|}[]".indexOf(c) < 0;
            out.append(plain ? String.valueOf(c) : String.format("%%%02X", b & 0xff));
        }
        return out.toString();
    }
}
