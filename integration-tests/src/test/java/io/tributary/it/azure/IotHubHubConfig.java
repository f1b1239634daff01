package io.tributary.it.azure;

import io.tributary.testkit.HubConfig;
import io.tributary.testkit.eventhubs.IotHubMessage;
import io.tributary.testkit.Telemetry;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A config directory for one IoT Hub test (its own checkpoint container, Kafka topic and lake table) and its
 * telemetry. The connection strings come from the variables {@value #CONNECTION_VARIABLE} and
 * {@value #STORAGE_VARIABLE}, as an operator would pass them.
 */
final class IotHubHubConfig {

    static final String CONNECTION_VARIABLE = "IOTHUB_CONNECTION";
    static final String STORAGE_VARIABLE = "CHECKPOINT_STORAGE";

    private IotHubHubConfig() {
    }

    /**
     * No device: section, so the device id is the connector's default, IoT Hub's iothub-connection-device-id; seq
     * and temperature go to the lake. Short intervals, so a crash test is quick.
     */
    static Path write(Path parent, String name, String kafka, Path lake) throws IOException {
        return write(parent, name, kafka, lake, "1s");
    }

    static Path write(Path parent, String name, String kafka, Path lake, String checkpointInterval)
            throws IOException {
        return HubConfig.write(parent, name, kafka, lake, """
                name: %1$s
                type: azure-iothub
                azure-iothub:
                  connectionString: ${%2$s}
                  iotHubName: acme-fleet-hub
                  checkpointStore:
                    connectionString: ${%3$s}
                    container: %4$s
                  checkpointInterval: %5$s
                  loadBalancingInterval: 2s
                  ownershipExpiration: 6s
                """.formatted(name, CONNECTION_VARIABLE, STORAGE_VARIABLE, container(name), checkpointInterval)
                + HubConfig.telemetrySections(null, topic(name), table(name), 5000));
    }

    static Map<String, String> variables(String connection, String storage) {
        return Map.of(CONNECTION_VARIABLE, connection, STORAGE_VARIABLE, storage);
    }

    static String container(String name) {
        return "ckpt-" + name;
    }

    static String topic(String name) {
        return "telemetry." + name;
    }

    static String table(String name) {
        return name.replace('-', '_');
    }

    /** Device ids carry the test's name, so tests sharing an emulator entity never count each other's messages. */
    static String device(String name, int index) {
        return String.format("%s-dev-%02d", name, index);
    }

    static IotHubMessage message(String name, int device, int seq) {
        String json = "{\"seq\":" + seq + ",\"ts\":\"" + Telemetry.START.plusSeconds(seq) + "\",\"temp\":"
                + Telemetry.temperature(device, seq) + "}";
        return IotHubMessage.json(device(name, device), device(name, device) + "-" + seq, json,
                Map.of("seq", seq, "site", "north"));
    }

    /** seq 0 of every device, then seq 1 of every device, and so on. */
    static List<IotHubMessage> interleaved(String name, int devices, int from, int to) {
        List<IotHubMessage> all = new ArrayList<>();
        for (int seq = from; seq < to; seq++) {
            for (int d = 0; d < devices; d++) {
                all.add(message(name, d, seq));
            }
        }
        return all;
    }
}
