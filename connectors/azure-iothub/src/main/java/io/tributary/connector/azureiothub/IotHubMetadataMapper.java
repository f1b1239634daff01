package io.tributary.connector.azureiothub;

import io.tributary.connector.MessageMetadata;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.azure.eventhubs.EventHubsConstants;

/**
 * Maps an event read by {@link IotHubConsumer} onto {@link MessageMetadata}. IoT Hub's message id becomes
 * {@code ce_id} (else {@code <partition>-<sequence number>}, the same when the event is read again), and
 * {@code iothub-enqueuedtime}, when IoT Hub received the message from the device, the event time (else the time
 * the built-in endpoint enqueued it). The topic is {@code devices/<device id>/messages/events}, IoT Hub's
 * device-to-cloud topic, so {@code device.fromTopic: devices/{device}/messages/events} works as well as
 * {@code device.fromHeader: iothub_device_id}.
 *
 * <p>Headers (unprefixed; the route adds {@code tributary_}): {@value #DEVICE_ID}, {@value #MODULE_ID},
 * {@value #ENQUEUED_TIME}, {@value #MESSAGE_SOURCE}, {@value #CONTENT_TYPE}, {@value #CONTENT_ENCODING},
 * {@value #MESSAGE_ID}, {@value #CORRELATION_ID}, {@value #HUB_NAME}, {@value #PARTITION_ID}, {@value #OFFSET},
 * {@value #SEQUENCE_NUMBER}, {@value #PARTITION_KEY}, {@value #ENDPOINT_ENQUEUED_TIME}, and
 * {@value #PROPERTY_PREFIX}&lt;name&gt; per application property, sorted by name; each only when the message has it.
 * Times are ISO-8601.
 */
final class IotHubMetadataMapper {

    static final String DEVICE_ID = "iothub_device_id";
    static final String MODULE_ID = "iothub_module_id";
    static final String ENQUEUED_TIME = "iothub_enqueued_time";
    static final String MESSAGE_SOURCE = "iothub_message_source";
    static final String CONTENT_TYPE = "iothub_content_type";
    static final String CONTENT_ENCODING = "iothub_content_encoding";
    static final String MESSAGE_ID = "iothub_message_id";
    static final String CORRELATION_ID = "iothub_correlation_id";
    static final String HUB_NAME = "iothub_hub_name";
    static final String PARTITION_ID = "iothub_partition_id";
    static final String OFFSET = "iothub_offset";
    static final String SEQUENCE_NUMBER = "iothub_sequence_number";
    static final String PARTITION_KEY = "iothub_partition_key";
    static final String ENDPOINT_ENQUEUED_TIME = "iothub_endpoint_enqueued_time";
    static final String PROPERTY_PREFIX = "iothub_prop_";

    private IotHubMetadataMapper() {
    }

    static MessageMetadata metadata(Exchange exchange) {
        Message message = exchange.getIn();
        String partition = message.getHeader(EventHubsConstants.PARTITION_ID, String.class);
        Long sequence = message.getHeader(EventHubsConstants.SEQUENCE_NUMBER, Long.class);
        if (partition == null || sequence == null) {
            throw new IllegalArgumentException("exchange " + exchange.getExchangeId() + " did not come from an IoT "
                    + "Hub endpoint: it has no " + EventHubsConstants.PARTITION_ID + " or "
                    + EventHubsConstants.SEQUENCE_NUMBER + " header; map metadata before the route replaces them");
        }
        Map<?, ?> system = message.getHeader(IotHubHeaders.SYSTEM_PROPERTIES, Map.class);
        system = system == null ? Map.of() : system;
        Map<String, String> headers = new LinkedHashMap<>();
        String device = text(system.get(IotHubHeaders.DEVICE_ID));
        put(headers, DEVICE_ID, device);
        put(headers, MODULE_ID, text(system.get(IotHubHeaders.MODULE_ID)));
        Instant hubTime = instant(system.get(IotHubHeaders.ENQUEUED_TIME));
        put(headers, ENQUEUED_TIME, hubTime == null ? null : DateTimeFormatter.ISO_INSTANT.format(hubTime));
        put(headers, MESSAGE_SOURCE, text(system.get(IotHubHeaders.MESSAGE_SOURCE)));
        put(headers, CONTENT_TYPE, message.getHeader(IotHubHeaders.CONTENT_TYPE, String.class));
        put(headers, CONTENT_ENCODING, message.getHeader(IotHubHeaders.CONTENT_ENCODING, String.class));
        String messageId = message.getHeader(IotHubHeaders.MESSAGE_ID, String.class);
        put(headers, MESSAGE_ID, messageId);
        put(headers, CORRELATION_ID, message.getHeader(IotHubHeaders.CORRELATION_ID, String.class));
        put(headers, HUB_NAME, message.getHeader(IotHubHeaders.IOT_HUB_NAME, String.class));
        put(headers, PARTITION_ID, partition);
        put(headers, OFFSET, message.getHeader(EventHubsConstants.OFFSET, String.class));
        put(headers, SEQUENCE_NUMBER, sequence.toString());
        put(headers, PARTITION_KEY, message.getHeader(EventHubsConstants.PARTITION_KEY, String.class));
        Instant endpointTime = instant(message.getHeader(EventHubsConstants.ENQUEUED_TIME));
        put(headers, ENDPOINT_ENQUEUED_TIME,
                endpointTime == null ? null : DateTimeFormatter.ISO_INSTANT.format(endpointTime));
        Map<?, ?> application = message.getHeader(IotHubHeaders.APPLICATION_PROPERTIES, Map.class);
        if (application != null) {
            Map<String, String> sorted = new TreeMap<>();
            application.forEach((k, v) -> {
                if (k != null && v != null) {
                    sorted.put(k.toString(), text(v));
                }
            });
            sorted.forEach((name, value) -> headers.put(PROPERTY_PREFIX + name, value));
        }
        String id = messageId != null && !messageId.isEmpty() ? messageId : partition + "-" + sequence;
        String topic = device == null || device.isEmpty() ? null : "devices/" + device + "/messages/events";
        return new MessageMetadata(id, topic, hubTime != null ? hubTime : endpointTime, headers, false);
    }

    private static void put(Map<String, String> headers, String name, String value) {
        if (value != null && !value.isEmpty()) {
            headers.put(name, value);
        }
    }

    private static String text(Object value) {
        if (value == null) {
            return null;
        }
        Instant time = instant(value);
        return time != null && !(value instanceof String) ? DateTimeFormatter.ISO_INSTANT.format(time)
                : value.toString();
    }

    /** IoT Hub sends times as AMQP timestamps; the SDK may hand them over as Date, Instant or OffsetDateTime. */
    static Instant instant(Object value) {
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof Date d) {
            return d.toInstant();
        }
        if (value instanceof OffsetDateTime t) {
            return t.toInstant();
        }
        if (value instanceof String s) {
            try {
                return Instant.parse(s);
            } catch (RuntimeException e) {
                return null;
            }
        }
        return null;
    }
}
