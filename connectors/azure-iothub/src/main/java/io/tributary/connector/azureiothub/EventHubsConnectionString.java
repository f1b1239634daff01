package io.tributary.connector.azureiothub;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The parts of an Event Hubs-compatible connection string that may be shown: the namespace host (and port), the
 * entity path and whether it points at a development emulator. The key is checked for presence and never kept in
 * anything that could be printed: {@link #toString()} and every message name the namespace and entity only.
 *
 * @param namespace  host of the {@code Endpoint=sb://host[:port]/}
 * @param port       the port written in the endpoint, or -1
 * @param entityPath the {@code EntityPath}, or null when the string has none
 * @param emulator   {@code UseDevelopmentEmulator=true}: plain AMQP without TLS (a local emulator or test server)
 */
record EventHubsConnectionString(String namespace, int port, String entityPath, boolean emulator) {

    /** Parses the string, or throws with a message that never quotes it. */
    static EventHubsConnectionString parse(String text) {
        Map<String, String> parts = new LinkedHashMap<>();
        for (String part : text.split(";")) {
            if (part.isBlank()) {
                continue;
            }
            int eq = part.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("is not an Event Hubs-compatible connection string: it must be "
                        + "key=value pairs separated by ';' (copy it from the IoT Hub's Built-in endpoints page)");
            }
            parts.put(part.substring(0, eq).trim().toLowerCase(Locale.ROOT), part.substring(eq + 1).trim());
        }
        String endpoint = parts.get("endpoint");
        if (endpoint == null || !endpoint.startsWith("sb://")) {
            throw new IllegalArgumentException("is not an Event Hubs-compatible connection string: it has no "
                    + "Endpoint=sb://<namespace>.servicebus.windows.net/ (copy it from the IoT Hub's Built-in "
                    + "endpoints page, not the device or service connection string)");
        }
        URI uri;
        try {
            uri = URI.create(endpoint);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("has an Endpoint that is not a URI: sb://<namespace>/ expected");
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("has an Endpoint without a host: sb://<namespace>/ expected");
        }
        boolean sas = parts.containsKey("sharedaccesssignature");
        if (!sas && (!parts.containsKey("sharedaccesskeyname") || !parts.containsKey("sharedaccesskey"))) {
            throw new IllegalArgumentException("has no SharedAccessKeyName and SharedAccessKey (or "
                    + "SharedAccessSignature): the built-in endpoint's string has both");
        }
        String entity = parts.get("entitypath");
        return new EventHubsConnectionString(uri.getHost(), uri.getPort(), entity == null || entity.isEmpty() ? null
                : entity, "true".equalsIgnoreCase(parts.get("usedevelopmentemulator")));
    }

    /** The namespace with its port, for logs and plan output. */
    String address() {
        return port < 0 ? namespace : namespace + ":" + port;
    }

    @Override
    public String toString() {
        return "sb://" + address() + "/" + (entityPath == null ? "" : entityPath);
    }
}
