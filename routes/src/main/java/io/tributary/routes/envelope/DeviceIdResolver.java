package io.tributary.routes.envelope;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.connector.MessageMetadata;
import io.tributary.routes.config.SourceConfig;
import io.tributary.routes.config.SourceOptions;
import io.tributary.spec.ConfigValues;
import java.io.IOException;

/**
 * Finds a message's device id, which becomes its Kafka key, the way the source's {@code device:} section says,
 * or, without one, from the header its connector names as the device id.
 */
public abstract sealed class DeviceIdResolver {

    public abstract String resolve(MessageMetadata metadata, byte[] payload) throws MalformedMessageException;

    /** Where the device id comes from, for plan output, e.g. "from topic fleet/{device}/telemetry". */
    public abstract String describe();

    /** The source's {@code device:} section, else its connector's default device header. */
    public static DeviceIdResolver forSource(SourceConfig source) {
        if (source.device().isPresent()) {
            return from(source.device().get());
        }
        String type = source.definition().type();
        String header = source.connector().defaultDeviceHeader().orElseThrow(() -> new IllegalStateException(
                "source '" + source.name() + "' has no device: section and type '" + type
                        + "' has no default device id; the loader should have refused " + source.file()));
        return new FromHeader(header, type);
    }

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

        @Override
        public String describe() {
            return "from topic " + pattern;
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

        @Override
        public String describe() {
            return "from payload " + pointerText;
        }
    }

    /** A protocol metadata header, such as an attribute or a message key. */
    static final class FromHeader extends DeviceIdResolver {
        private final String header;
        /** The type whose connector names this header as the device id, when the file has no device:; else null. */
        private final String defaultOfType;

        FromHeader(String header) {
            this(header, null);
        }

        FromHeader(String header, String defaultOfType) {
            this.header = header;
            this.defaultOfType = defaultOfType;
        }

        @Override
        public String resolve(MessageMetadata metadata, byte[] payload) throws MalformedMessageException {
            String value = metadata.headers().get(header);
            if (value == null || value.isEmpty()) {
                throw new MalformedMessageException("message has no metadata header '" + header + "' ("
                        + (defaultOfType == null ? "device.fromHeader" : whyDefault()) + ")");
            }
            return value;
        }

        @Override
        public String describe() {
            return "from header " + header + (defaultOfType == null ? "" : " (" + whyDefault() + ")");
        }

        private String whyDefault() {
            return "the device id of type " + defaultOfType + ", as the source has no device: section";
        }
    }
}
