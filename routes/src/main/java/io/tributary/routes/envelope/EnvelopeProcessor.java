package io.tributary.routes.envelope;

import io.tributary.connector.MessageMetadata;
import io.tributary.connector.SourceConnector;
import io.tributary.routes.runtime.HubMetrics.SourceCounters;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.UUID;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.component.kafka.KafkaConstants;

/**
 * Turns a received message into a Kafka record: device id as key, payload untouched, CloudEvents headers and
 * prefixed protocol metadata. Every other header is dropped, so nothing a broker sent leaks into Kafka by accident.
 */
public final class EnvelopeProcessor implements Processor {

    private final String sourceName;
    private final String cloudEventSource;
    private final SourceConnector connector;
    private final DeviceIdResolver devices;
    private final SourceCounters counters;
    private final Clock clock;
    private final int maxPayloadBytes;

    /**
     * @param cloudEventSource the {@code ce_source} of every record, see {@link EnvelopeHeaders#ceSource}
     * @param maxPayloadBytes  larger payloads are refused here, before the producer could fail on them
     */
    public EnvelopeProcessor(String sourceName, String cloudEventSource, SourceConnector connector,
                             DeviceIdResolver devices, SourceCounters counters, Clock clock, int maxPayloadBytes) {
        this.maxPayloadBytes = maxPayloadBytes;
        this.sourceName = sourceName;
        this.cloudEventSource = cloudEventSource;
        this.connector = connector;
        this.devices = devices;
        this.counters = counters;
        this.clock = clock;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        counters.received().increment();
        MessageMetadata metadata = connector.metadata(exchange);
        if (metadata.redelivered()) {
            counters.redelivered().increment();
        }
        Message message = exchange.getMessage();
        byte[] payload = message.getBody(byte[].class);
        if (payload == null) {
            throw new MalformedMessageException("message has no payload");
        }
        if (payload.length > maxPayloadBytes) {
            throw new MalformedMessageException("payload of " + payload.length + " bytes is larger than"
                    + " kafka.maxMessageBytes (" + maxPayloadBytes + ")");
        }
        String device = devices.resolve(metadata, payload);
        Instant time = metadata.eventTime() != null ? metadata.eventTime() : clock.instant();

        message.removeHeaders("*");
        message.setBody(payload);
        message.setHeader(KafkaConstants.KEY, device);
        message.setHeader(EnvelopeHeaders.SPEC_VERSION, "1.0");
        message.setHeader(EnvelopeHeaders.ID, metadata.messageId() != null ? metadata.messageId() : UUID.randomUUID().toString());
        message.setHeader(EnvelopeHeaders.SOURCE, cloudEventSource);
        message.setHeader(EnvelopeHeaders.TYPE, EnvelopeHeaders.ceType(connector.type()));
        message.setHeader(EnvelopeHeaders.TIME, DateTimeFormatter.ISO_INSTANT.format(time));
        message.setHeader(EnvelopeHeaders.SUBJECT, device);
        message.setHeader(EnvelopeHeaders.SOURCE_NAME, sourceName);
        for (Map.Entry<String, String> header : metadata.headers().entrySet()) {
            if (header.getKey().endsWith("content_type")) {
                message.setHeader(EnvelopeHeaders.CONTENT_TYPE, header.getValue());
            }
            message.setHeader(EnvelopeHeaders.METADATA_PREFIX + header.getKey(), header.getValue());
        }
    }
}
