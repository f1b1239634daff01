package io.tributary.connector.azureiothub;

import com.microsoft.azure.sdk.iot.device.DeviceClient;
import com.microsoft.azure.sdk.iot.device.IotHubClientProtocol;
import com.microsoft.azure.sdk.iot.device.Message;
import com.microsoft.azure.sdk.iot.device.exceptions.IotHubClientException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Sends test telemetry to a real IoT Hub as one device, with Microsoft's Azure IoT device SDK, so that a user can
 * smoke-test a hub and the {@code azure-iothub} source end to end. Each message is JSON
 * ({@code {"seq":..,"ts":..,"temp":..}}) with a message id, content type and encoding, and the application
 * properties {@code seq} and {@code source=tributary-simulate}. The device connection string is a secret: messages
 * name the hub's host and the device id only.
 */
public final class DeviceTelemetrySimulator {

    /** What a device connection string names, without its key. */
    public record DeviceIdentity(String hostName, String deviceId, String moduleId) {

        /** Parses {@code HostName=..;DeviceId=..;SharedAccessKey=..}, or throws without quoting the string. */
        public static DeviceIdentity parse(String connectionString) {
            Map<String, String> parts = new LinkedHashMap<>();
            for (String part : connectionString.split(";")) {
                int eq = part.indexOf('=');
                if (eq > 0) {
                    parts.put(part.substring(0, eq).trim().toLowerCase(Locale.ROOT), part.substring(eq + 1).trim());
                }
            }
            if (parts.containsKey("endpoint")) {
                throw new IllegalArgumentException("this is a service (Event Hubs-compatible) connection string; "
                        + "simulate needs a device's: HostName=<hub>.azure-devices.net;DeviceId=<id>;"
                        + "SharedAccessKey=<key> (IoT Hub > Devices > <device>)");
            }
            String host = parts.get("hostname");
            String device = parts.get("deviceid");
            boolean credential = parts.containsKey("sharedaccesskey") || parts.containsKey("sharedaccesssignature");
            if (host == null || host.isEmpty() || device == null || device.isEmpty() || !credential) {
                throw new IllegalArgumentException("not a device connection string: it needs HostName, DeviceId and "
                        + "SharedAccessKey (IoT Hub > Devices > <device> > Primary connection string)");
            }
            return new DeviceIdentity(host, device, parts.get("moduleid"));
        }
    }

    private final String connectionString;
    private final DeviceIdentity identity;
    private final IotHubClientProtocol protocol;
    private final Clock clock;

    public DeviceTelemetrySimulator(String connectionString, String protocol, Clock clock) {
        this.connectionString = connectionString;
        this.identity = DeviceIdentity.parse(connectionString);
        this.protocol = protocol(protocol);
        this.clock = clock;
    }

    /** mqtt, mqtt-ws, amqp or amqp-ws. */
    public static IotHubClientProtocol protocol(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "mqtt" -> IotHubClientProtocol.MQTT;
            case "mqtt-ws" -> IotHubClientProtocol.MQTT_WS;
            case "amqp" -> IotHubClientProtocol.AMQPS;
            case "amqp-ws" -> IotHubClientProtocol.AMQPS_WS;
            default -> throw new IllegalArgumentException("protocol '" + name + "' is not one of mqtt, mqtt-ws, "
                    + "amqp, amqp-ws");
        };
    }

    public DeviceIdentity identity() {
        return identity;
    }

    /**
     * Connects (once, without the SDK's endless retries, so a wrong host fails at once), sends {@code messages}
     * messages at about {@code rate} a second, each acknowledged by the hub before the next, and disconnects.
     *
     * @return the number of messages IoT Hub acknowledged
     * @throws IllegalStateException when the hub cannot be reached or refuses a message; the message says which
     */
    public int send(int messages, double rate, Duration sendTimeout, PrintWriter out) throws InterruptedException {
        DeviceClient client = new DeviceClient(connectionString, protocol);
        String where = identity.hostName() + " as device " + identity.deviceId();
        try {
            client.open(false);
        } catch (IotHubClientException | RuntimeException e) {
            client.close();
            throw new IllegalStateException("cannot connect to IoT Hub " + where + " over " + protocol + ": "
                    + describe(e), e);
        }
        String run = UUID.randomUUID().toString().substring(0, 8);
        long pauseNanos = (long) (1e9 / rate);
        long next = System.nanoTime();
        int sent = 0;
        try {
            for (int seq = 0; seq < messages; seq++) {
                client.sendEvent(message(run, seq), (int) sendTimeout.toMillis());
                sent++;
                if (sent % 100 == 0 || sent == messages) {
                    out.printf("sent %d of %d to %s%n", sent, messages, where);
                    out.flush();
                }
                next += pauseNanos;
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
            }
        } catch (IotHubClientException | RuntimeException e) {
            throw new IllegalStateException("IoT Hub " + where + " did not accept message " + sent + ": "
                    + describe(e), e);
        } finally {
            client.close();
        }
        return sent;
    }

    private Message message(String run, int seq) {
        String json = "{\"seq\":" + seq + ",\"ts\":\"" + clock.instant() + "\",\"temp\":"
                + String.format(Locale.ROOT, "%.2f", 20 + 5 * Math.sin(seq / 10.0)) + "}";
        Message message = new Message(json.getBytes(StandardCharsets.UTF_8));
        message.setMessageId(identity.deviceId() + "-" + run + "-" + seq);
        message.setContentType("application/json");
        message.setContentEncoding("utf-8");
        message.setProperty("seq", Integer.toString(seq));
        message.setProperty("source", "tributary-simulate");
        return message;
    }

    private static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String text = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return root == e ? text : text + " (" + root.getClass().getSimpleName() + ": " + root.getMessage() + ")";
    }
}
