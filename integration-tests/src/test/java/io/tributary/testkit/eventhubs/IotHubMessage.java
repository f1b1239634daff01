package io.tributary.testkit.eventhubs;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A device-to-cloud message as a device sends it to IoT Hub: the device (and optionally module) it comes from, its
 * payload, the message properties a device may set (message id, content type and encoding) and its application
 * properties. The {@link EventHubsTestServer} adds what IoT Hub adds on its built-in endpoint.
 *
 * @param moduleId null for a message from the device itself
 * @param messageId null when the device set none
 */
public record IotHubMessage(String deviceId, String moduleId, byte[] payload, String messageId, String contentType,
                            String contentEncoding, Map<String, Object> properties) {

    public IotHubMessage {
        properties = Map.copyOf(properties);
    }

    /** A JSON message from a device, with a message id and UTF-8 JSON content type, as the device SDK sends it. */
    public static IotHubMessage json(String deviceId, String messageId, String json, Map<String, Object> properties) {
        return new IotHubMessage(deviceId, null, json.getBytes(StandardCharsets.UTF_8), messageId, "application/json",
                "utf-8", new LinkedHashMap<>(properties));
    }

    public IotHubMessage fromModule(String module) {
        return new IotHubMessage(deviceId, module, payload, messageId, contentType, contentEncoding, properties);
    }
}
