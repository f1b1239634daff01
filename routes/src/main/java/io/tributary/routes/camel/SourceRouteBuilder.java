package io.tributary.routes.camel;

import io.tributary.routes.config.SourceConfig;
import io.tributary.routes.envelope.DeviceIdResolver;
import io.tributary.routes.envelope.EnvelopeHeaders;
import io.tributary.routes.envelope.EnvelopeProcessor;
import io.tributary.routes.envelope.MalformedMessageException;
import io.tributary.routes.runtime.HubMetrics;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;

/**
 * The routes of one source: from each of its endpoints, through the envelope, to its Kafka topic. The exchange
 * completes, and so the source acknowledges the message to its broker, only after Kafka acknowledged the write
 * (or, failing that, the dead-letter write).
 */
public final class SourceRouteBuilder extends RouteBuilder {

    static final int MAX_REDELIVERIES = 3;

    private final SourceConfig source;
    private final List<Endpoint> endpoints;
    private final KafkaEndpoints kafka;
    private final HubMetrics metrics;

    public SourceRouteBuilder(SourceConfig source, List<Endpoint> endpoints, KafkaEndpoints kafka, HubMetrics metrics) {
        this.source = source;
        this.endpoints = endpoints;
        this.kafka = kafka;
        this.metrics = metrics;
    }

    @Override
    public void configure() {
        String name = source.name();
        HubMetrics.SourceCounters counters = metrics.forSource(name);
        // the original message goes to the dead-letter topic, so it is exactly what the broker delivered
        errorHandler(deadLetterChannel(kafka.producerUri(source.deadLetterTopic()))
                // Camel's default marks the exchange handled even when the dead-letter write itself fails, so the
                // source would acknowledge a message that is in neither topic; failing it makes the broker redeliver
                .deadLetterHandleNewException(false)
                .useOriginalMessage()
                .maximumRedeliveries(MAX_REDELIVERIES)
                .redeliveryDelay(200)
                .useExponentialBackOff()
                .backOffMultiplier(2)
                .retryAttemptedLogLevel(org.apache.camel.LoggingLevel.WARN)
                .onPrepareFailure(exchange -> markDeadLetter(exchange, name, counters, kafka.maxPayloadBytes())));
        // a malformed message stays malformed: retrying it would only delay the messages behind it
        onException(MalformedMessageException.class).maximumRedeliveries(0);

        EnvelopeProcessor envelope = new EnvelopeProcessor(name,
                EnvelopeHeaders.ceSource(source.connector(), source.definition()), source.connector(),
                DeviceIdResolver.forSource(source), counters, Clock.systemUTC(), kafka.maxPayloadBytes());
        for (int i = 0; i < endpoints.size(); i++) {
            from(endpoints.get(i))
                    .routeId(endpoints.size() == 1 ? name : name + "-" + i)
                    .process(envelope)
                    .to(kafka.producerUri(source.topic()))
                    .process(exchange -> counters.written().increment());
        }
    }

    private static void markDeadLetter(Exchange exchange, String name, HubMetrics.SourceCounters counters,
                                       int maxPayloadBytes) {
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        String reason = cause == null ? "unknown failure" : cause.getClass().getSimpleName() + ": " + cause.getMessage();
        var message = exchange.getMessage();
        // keep only the headers that describe the failure: broker-specific objects cannot be serialised
        message.removeHeaders("*");
        message.setHeader(EnvelopeHeaders.SOURCE_NAME, name);
        message.setHeader(EnvelopeHeaders.DEAD_LETTER_REASON, reason);
        byte[] payload = message.getBody(byte[].class);
        if (payload != null && payload.length > maxPayloadBytes) {
            // Kafka cannot hold it whole; its head identifies it, and its size says what was cut
            message.setBody(Arrays.copyOf(payload, maxPayloadBytes));
            message.setHeader(EnvelopeHeaders.DEAD_LETTER_PAYLOAD_BYTES, String.valueOf(payload.length));
        }
        counters.deadLettered().increment();
    }
}
