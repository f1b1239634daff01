package io.tributary.connector.pubsub;

import com.google.protobuf.Timestamp;
import io.tributary.connector.MessageMetadata;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.google.pubsub.GooglePubsubConstants;

/**
 * Maps a message received through {@link PubSubConsumer} onto {@link MessageMetadata}: the message id becomes
 * {@code ce_id}, the publish time the event time.
 *
 * <p>Headers: {@value #MESSAGE_ID}, {@value #PUBLISH_TIME} (ISO-8601), {@value #ORDERING_KEY} (only when the
 * message has one) and {@value #ATTRIBUTE_PREFIX}&lt;name&gt; per attribute, sorted by name. A device id can be
 * taken from an attribute with {@code device.fromHeader: pubsub_attr_<name>}. The delivery attempt, which Pub/Sub
 * reports only on subscriptions with a dead-letter policy, marks a message as redelivered when it is above 1.
 */
final class PubSubMetadataMapper {

    static final String MESSAGE_ID = "pubsub_message_id";
    static final String PUBLISH_TIME = "pubsub_publish_time";
    static final String ORDERING_KEY = "pubsub_ordering_key";
    static final String ATTRIBUTE_PREFIX = "pubsub_attr_";
    /** Set by the client library on subscriptions with a dead-letter policy. */
    static final String DELIVERY_ATTEMPT_ATTRIBUTE = "googclient_deliveryattempt";

    private PubSubMetadataMapper() {
    }

    static MessageMetadata metadata(Exchange exchange) {
        Message message = exchange.getIn();
        String id = message.getHeader(GooglePubsubConstants.MESSAGE_ID, String.class);
        if (id == null) {
            throw new IllegalArgumentException("exchange " + exchange.getExchangeId()
                    + " did not come from a Pub/Sub endpoint: it has no " + GooglePubsubConstants.MESSAGE_ID
                    + " header; map metadata before the route replaces the incoming message");
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(MESSAGE_ID, id);
        Instant published = publishTime(message.getHeader(GooglePubsubConstants.PUBLISH_TIME));
        if (published != null) {
            headers.put(PUBLISH_TIME, DateTimeFormatter.ISO_INSTANT.format(published));
        }
        String orderingKey = message.getHeader(GooglePubsubConstants.ORDERING_KEY, String.class);
        if (orderingKey != null && !orderingKey.isEmpty()) {
            headers.put(ORDERING_KEY, orderingKey);
        }
        Map<String, String> attributes = attributes(message.getHeader(GooglePubsubConstants.ATTRIBUTES));
        attributes.forEach((name, value) -> headers.put(ATTRIBUTE_PREFIX + name, value));
        return new MessageMetadata(id, null, published, headers, redelivered(attributes));
    }

    private static Instant publishTime(Object header) {
        if (header instanceof Timestamp t) {
            return Instant.ofEpochSecond(t.getSeconds(), t.getNanos());
        }
        return header instanceof Instant i ? i : null;
    }

    private static Map<String, String> attributes(Object header) {
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

    private static boolean redelivered(Map<String, String> attributes) {
        String attempt = attributes.get(DELIVERY_ATTEMPT_ATTRIBUTE);
        try {
            return attempt != null && Integer.parseInt(attempt) > 1;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
