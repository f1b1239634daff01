package io.tributary.connector.pulsar;

import io.tributary.connector.MessageMetadata;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.pulsar.utils.message.PulsarMessageHeaders;

/**
 * Maps a message received through Camel's Pulsar consumer onto {@link MessageMetadata}: the message id becomes
 * {@code ce_id}; the event time, when the producer set one, else the publish time, becomes the event time.
 *
 * <p>Headers: {@value #MESSAGE_ID}, {@value #TOPIC} (the partition's topic for a partitioned topic), {@value #KEY}
 * (only when the message has one), {@value #PUBLISH_TIME} and {@value #EVENT_TIME} (ISO-8601; the latter only when
 * set), {@value #REDELIVERY_COUNT}, and {@value #PROPERTY_PREFIX}&lt;name&gt; per property, sorted by name. A device
 * id comes from the key with {@code device.fromHeader: pulsar_key}, or from a property with
 * {@code device.fromHeader: pulsar_prop_<name>}.
 */
final class PulsarMetadataMapper {

    static final String MESSAGE_ID = "pulsar_message_id";
    static final String TOPIC = "pulsar_topic";
    static final String KEY = "pulsar_key";
    static final String PUBLISH_TIME = "pulsar_publish_time";
    static final String EVENT_TIME = "pulsar_event_time";
    static final String REDELIVERY_COUNT = "pulsar_redelivery_count";
    static final String PROPERTY_PREFIX = "pulsar_prop_";

    private PulsarMetadataMapper() {
    }

    static MessageMetadata metadata(Exchange exchange) {
        Message message = exchange.getIn();
        Object id = message.getHeader(PulsarMessageHeaders.MESSAGE_ID);
        if (id == null) {
            throw new IllegalArgumentException("exchange " + exchange.getExchangeId() + " did not come from a Pulsar "
                    + "endpoint: it has no " + PulsarMessageHeaders.MESSAGE_ID + " header; map metadata before the "
                    + "route replaces the incoming message");
        }
        String topic = message.getHeader(PulsarMessageHeaders.TOPIC_NAME, String.class);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(MESSAGE_ID, id.toString());
        if (topic != null) {
            headers.put(TOPIC, topic);
        }
        String key = message.getHeader(PulsarMessageHeaders.KEY, String.class);
        if (key != null && !key.isEmpty()) {
            headers.put(KEY, key);
        }
        Instant published = instant(message.getHeader(PulsarMessageHeaders.PUBLISH_TIME, Long.class));
        if (published != null) {
            headers.put(PUBLISH_TIME, DateTimeFormatter.ISO_INSTANT.format(published));
        }
        Instant eventTime = instant(message.getHeader(PulsarMessageHeaders.EVENT_TIME, Long.class));
        if (eventTime != null) {
            headers.put(EVENT_TIME, DateTimeFormatter.ISO_INSTANT.format(eventTime));
        }
        Integer redeliveries = message.getHeader(PulsarMessageHeaders.PULSAR_REDELIVERY_COUNT, Integer.class);
        int redeliveryCount = redeliveries == null ? 0 : redeliveries;
        headers.put(REDELIVERY_COUNT, Integer.toString(redeliveryCount));
        properties(message.getHeader(PulsarMessageHeaders.PROPERTIES))
                .forEach((name, value) -> headers.put(PROPERTY_PREFIX + name, value));
        return new MessageMetadata(id.toString(), topic, eventTime != null ? eventTime : published, headers,
                redeliveryCount > 0);
    }

    /** Pulsar reports an unset time as 0. */
    private static Instant instant(Long epochMillis) {
        return epochMillis == null || epochMillis <= 0 ? null : Instant.ofEpochMilli(epochMillis);
    }

    private static Map<String, String> properties(Object header) {
        Map<String, String> sorted = new TreeMap<>();
        if (header instanceof Map<?, ?> map) {
            map.forEach((k, v) -> {
                if (k != null && v != null) {
                    sorted.put(k.toString(), v.toString());
                }
            });
        }
        return sorted;
    }
}
