package io.tributary.testkit.eventhubs;

import java.nio.BufferOverflowException;
import java.util.Arrays;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.qpid.proton.Proton;
import org.apache.qpid.proton.amqp.Binary;
import org.apache.qpid.proton.amqp.Symbol;
import org.apache.qpid.proton.amqp.messaging.ApplicationProperties;
import org.apache.qpid.proton.amqp.messaging.Data;
import org.apache.qpid.proton.amqp.messaging.MessageAnnotations;
import org.apache.qpid.proton.amqp.messaging.Properties;
import org.apache.qpid.proton.message.Message;

/** Encodes what the built-in endpoint of an IoT Hub delivers, and decodes what clients send. */
final class AmqpMessages {

    private AmqpMessages() {
    }

    /**
     * An IoT Hub device-to-cloud message as its built-in endpoint delivers it: the payload as one data section; the
     * device's message id, content type and encoding as AMQP properties; its application properties; and as message
     * annotations the Event Hubs position ({@code x-opt-sequence-number}, {@code x-opt-offset},
     * {@code x-opt-enqueued-time}, {@code x-opt-partition-key}) plus IoT Hub's system properties.
     */
    static StoredEvent iotHubEvent(IotHubMessage message, long sequenceNumber, String offset, Date enqueued) {
        Message amqp = Proton.message();
        amqp.setBody(new Data(new Binary(message.payload())));
        Properties properties = new Properties();
        if (message.messageId() != null) {
            properties.setMessageId(message.messageId());
        }
        if (message.contentType() != null) {
            properties.setContentType(Symbol.valueOf(message.contentType()));
        }
        if (message.contentEncoding() != null) {
            properties.setContentEncoding(Symbol.valueOf(message.contentEncoding()));
        }
        amqp.setProperties(properties);
        if (!message.properties().isEmpty()) {
            amqp.setApplicationProperties(new ApplicationProperties(new LinkedHashMap<>(message.properties())));
        }
        Map<Symbol, Object> annotations = new LinkedHashMap<>();
        annotations.put(Symbol.valueOf("iothub-connection-device-id"), message.deviceId());
        if (message.moduleId() != null) {
            annotations.put(Symbol.valueOf("iothub-connection-module-id"), message.moduleId());
        }
        annotations.put(Symbol.valueOf("iothub-connection-auth-method"),
                "{\"scope\":\"device\",\"type\":\"sas\",\"issuer\":\"iothub\",\"acceptingIpFilterRule\":null}");
        annotations.put(Symbol.valueOf("iothub-connection-auth-generation-id"), "638000000000000000");
        annotations.put(Symbol.valueOf("iothub-enqueuedtime"), enqueued);
        annotations.put(Symbol.valueOf("iothub-message-source"), "Telemetry");
        annotations.put(Symbol.valueOf("x-opt-sequence-number"), sequenceNumber);
        annotations.put(Symbol.valueOf("x-opt-offset"), offset);
        annotations.put(Symbol.valueOf("x-opt-enqueued-time"), enqueued);
        annotations.put(Symbol.valueOf("x-opt-partition-key"), message.deviceId());
        amqp.setMessageAnnotations(new MessageAnnotations(annotations));
        return new StoredEvent(sequenceNumber, offset, enqueued, encode(amqp));
    }

    /** A reply of the $cbs or $management node to {@code request}. */
    static Message reply(Message request, int status, String description, Object body) {
        Message reply = Proton.message();
        Properties properties = new Properties();
        properties.setCorrelationId(request.getMessageId());
        reply.setProperties(properties);
        Map<String, Object> application = new HashMap<>();
        application.put("status-code", status);
        application.put("status-description", description);
        reply.setApplicationProperties(new ApplicationProperties(application));
        if (body != null) {
            reply.setBody(new org.apache.qpid.proton.amqp.messaging.AmqpValue(body));
        }
        return reply;
    }

    static String applicationProperty(Message message, String name) {
        ApplicationProperties properties = message.getApplicationProperties();
        Object value = properties == null || properties.getValue() == null ? null : properties.getValue().get(name);
        return value == null ? null : value.toString();
    }

    static byte[] encode(Message message) {
        byte[] buffer = new byte[1024];
        while (true) {
            try {
                int size = message.encode(buffer, 0, buffer.length);
                return Arrays.copyOf(buffer, size);
            } catch (BufferOverflowException e) {
                buffer = new byte[buffer.length * 4];
            }
        }
    }

    static Message decode(byte[] bytes, int length) {
        Message message = Proton.message();
        message.decode(bytes, 0, length);
        return message;
    }
}
