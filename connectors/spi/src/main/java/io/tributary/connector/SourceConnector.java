package io.tributary.connector;

import io.tributary.spec.Section;
import java.util.List;
import java.util.Optional;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;

/**
 * A protocol adapter, found through {@link java.util.ServiceLoader}. It declares its options, builds the Camel
 * consumer endpoints for a source, and maps protocol metadata of a received message onto the envelope. It knows
 * nothing of Kafka or the lake.
 */
public interface SourceConnector {

    /** The value of {@code type:} in a source file, and the key of this connector's own section. */
    String type();

    /** One line for {@code --help} and the docs. */
    String description();

    /** The options under the key {@link #type()}. */
    Section options();

    /**
     * The Camel endpoints this source consumes from. Each becomes one route. Endpoints must acknowledge a message
     * to their broker only when its exchange completes, which the route lets happen only after Kafka acknowledged
     * the write.
     */
    List<Endpoint> endpoints(SourceDefinition source, CamelContext camel) throws Exception;

    /** Protocol metadata of a received message. */
    MessageMetadata metadata(Exchange exchange);

    /** Where this source reads, for plan output; never contains a secret. */
    String describeOrigin(SourceDefinition source);

    /**
     * The CloudEvents {@code ce_source} of this source's records when the protocol names their origin itself
     * (an IoT Hub, say); empty for the hub's default {@code /tributary/sources/<source name>}.
     */
    default Optional<String> cloudEventSource(SourceDefinition source) {
        return Optional.empty();
    }

    /**
     * The metadata header (unprefixed, as {@link #metadata} names it) that holds the device id when the protocol
     * itself says which device sent a message (IoT Hub's authenticated device id, say), so a source file of this
     * type may leave out {@code device:}. Empty when the device id has to be configured (an MQTT topic pattern,
     * a payload field); then {@code device:} is required.
     */
    default Optional<String> defaultDeviceHeader() {
        return Optional.empty();
    }
}
