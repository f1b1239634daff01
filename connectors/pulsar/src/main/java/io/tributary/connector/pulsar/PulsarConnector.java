package io.tributary.connector.pulsar;

import io.tributary.connector.MessageMetadata;
import io.tributary.connector.SourceConnector;
import io.tributary.connector.SourceDefinition;
import io.tributary.spec.ConfigValues;
import io.tributary.spec.Section;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;

/** {@code type: pulsar}: one Apache Pulsar subscription on a list of topics or a topic pattern, through Camel pulsar. */
public final class PulsarConnector implements SourceConnector {

    @Override
    public String type() {
        return "pulsar";
    }

    @Override
    public String description() {
        return "An Apache Pulsar subscription (Exclusive, Shared, Key_Shared or Failover) on topics or a topic pattern, "
                + "acknowledging each message individually only after Kafka stored it.";
    }

    @Override
    public Section options() {
        return PulsarOptions.SECTION;
    }

    @Override
    public List<Endpoint> endpoints(SourceDefinition source, CamelContext camel) {
        return PulsarEndpointFactory.endpoints(source, camel);
    }

    @Override
    public MessageMetadata metadata(Exchange exchange) {
        return PulsarMetadataMapper.metadata(exchange);
    }

    /** {@code <serviceUrl>/<topics>?subscription=<name>}; never the token. */
    @Override
    public String describeOrigin(SourceDefinition source) {
        ConfigValues pulsar = source.protocol();
        String topics = PulsarEndpointFactory.topics(pulsar).stream().map(TopicNames::full)
                .collect(Collectors.joining(","));
        String url = pulsar.get(PulsarOptions.SERVICE_URL);
        return (url.endsWith("/") ? url : url + "/") + topics + "?subscription=" + pulsar.get(PulsarOptions.SUBSCRIPTION);
    }
}
