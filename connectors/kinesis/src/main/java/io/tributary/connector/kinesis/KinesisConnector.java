package io.tributary.connector.kinesis;

import io.tributary.connector.MessageMetadata;
import io.tributary.connector.SourceConnector;
import io.tributary.connector.SourceDefinition;
import io.tributary.spec.ConfigValues;
import io.tributary.spec.Section;
import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;

/** {@code type: kinesis}: reads every shard of an Amazon Kinesis data stream, checkpointing after Kafka acknowledged. */
public final class KinesisConnector implements SourceConnector {

    @Override
    public String type() {
        return "kinesis";
    }

    @Override
    public String description() {
        return "An Amazon Kinesis data stream: reads every shard, drains parents before children after a reshard, "
                + "and checkpoints a record only after Kafka stored it.";
    }

    @Override
    public Section options() {
        return KinesisOptions.SECTION;
    }

    @Override
    public List<Endpoint> endpoints(SourceDefinition source, CamelContext camel) {
        return List.of(KinesisEndpointFactory.endpoint(source, camel));
    }

    @Override
    public MessageMetadata metadata(Exchange exchange) {
        return KinesisMetadataMapper.metadata(exchange);
    }

    /** The stream ARN, or kinesis://&lt;region&gt;/&lt;stream&gt;, plus the endpoint override when there is one. */
    @Override
    public String describeOrigin(SourceDefinition source) {
        ConfigValues kinesis = source.protocol();
        String arn = KinesisOptions.streamArn(kinesis);
        String origin = arn != null ? arn
                : "kinesis://" + KinesisOptions.region(kinesis) + "/" + KinesisOptions.streamName(kinesis);
        return kinesis.isSet(KinesisOptions.ENDPOINT_OVERRIDE)
                ? origin + "?endpoint=" + kinesis.get(KinesisOptions.ENDPOINT_OVERRIDE) : origin;
    }
}
