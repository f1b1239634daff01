package io.tributary.routes.envelope;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.connector.MessageMetadata;
import io.tributary.routes.config.SourceOptions;
import io.tributary.spec.ConfigValues;
import java.io.IOException;

/** Finds a message's device id, which becomes its Kafka key, the way the source's {@code device:} section says. */
public abstract sealed class DeviceIdResolver {

    public abstract String resolve(MessageMetadata metadata, byte[] payload) throws MalformedMessageException;

    public static DeviceIdResolver from(ConfigValues device) {
        if (device.isSet(SourceOptions.DEVICE_FROM_TOPIC)) {
            return new FromTopic(device.get(SourceOptions.DEVICE_FROM_TOPIC));
        }
        if (device.isSet(SourceOptions.DEVICE_FROM_PAYLOAD)) {
            return new FromPayload(device.get(SourceOptions.DEVICE_FROM_PAYLOAD));
        }
        return new FromHeader(device.get(SourceOptions.DEVICE_FROM_HEADER));
    }

    /** One topic level, matched against a pattern such as {@code fleet/{device}/telemetry}; '+' matches any level. */
    static final class FromTopic extends DeviceIdResolver {
        private final String pattern;
        private final String[] levels;
        private final int deviceLevel;

        FromTopic(String pattern) {
            this.pattern = pattern;
            this.levels = pattern.split("/", -1);
            int found = -1;
            for (int i = 0; i < levels.length; i++) {
                if (levels[i].equals("{device}")) {
                    found = i;
                }
            }
            this.deviceLevel = found;
        }

        @Override
        public String resolve(MessageMetadata metadata, byte[] payload) throws MalformedMessageException {
            String topic = metadata.topic();
            if (topic == null) {
                throw new MalformedMessageException("no topic to take the device id from (device.fromTopic)");
            }
            String[] actual = topic.split("/", -1);
            boolean matches = actual.length == levels.length;
            for (int i = 0; matches && i < levels.length; i++) {
                matches = i == deviceLevel || levels[i].equals("+") || levels[i].equals(actual[i]);
            }
            if (!matches || actual[deviceLevel].isEmpty()) {
                throw new MalformedMessageException("topic '" + topic + "' does not match device.fromTopic '" + pattern + "'");
            }
            return actual[deviceLevel];
        }
    }

    /** A JSON pointer into the payload; the value must be a string or a number. */
    static final class FromPayload extends DeviceIdResolver {
        private static final ObjectMapper JSON = new ObjectMapper();
        private final String pointerText;
        private final JsonPointer pointer;

        FromPayload(String pointer) {
            this.pointerText = pointer;
            this.pointer = JsonPointer.compile(pointer);
        }

        @Override
        public String resolve(MessageMetadata metadata, byte[] payload) throws MalformedMessageException {
            JsonNode root;
            try {
                root = JSON.readTree(payload);
            } catch (JsonProcessingException e) {
                throw new MalformedMessageException("payload is not JSON, so device.fromPayload '" + pointerText
                        + "' cannot be read: " + e.getOriginalMessage());
            } catch (IOException e) {
                throw new MalformedMessageException("payload cannot be read: " + e.getMessage());
            }
            JsonNode value = root == null ? null : root.at(pointer);
            if (value == null || !(value.isTextual() || value.isIntegralNumber()) || value.asText().isEmpty()) {
                throw new MalformedMessageException("payload has no string or integer at device.fromPayload '"
                        + pointerText + "'");
            }
            return value.asText();
        }
    }

    /** A protocol metadata header, such as an attribute or a message key. */
    static final class FromHeader extends DeviceIdResolver {
        private final String header;

        FromHeader(String header) {
            this.header = header;
        }

        @Override
        public String resolve(MessageMetadata metadata, byte[] payload) throws MalformedMessageException {
            String value = metadata.headers().get(header);
            if (value == null || value.isEmpty()) {
                throw new MalformedMessageException("message has no metadata header '" + header + "' (device.fromHeader)");
            }
            return value;
        }
    }
}
