package io.tributary.it.pubsub;

import io.tributary.testkit.HubConfig;
import io.tributary.testkit.Telemetry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/** A config directory for one Pub/Sub test (its own subscription, Kafka topic and lake table), and its telemetry. */
final class PubSubHubConfig {

    private PubSubHubConfig() {
    }

    /** The source takes its device id from the attribute deviceId and writes seq and temperature to the lake. */
    static Path write(Path parent, String name, String emulatorHost, String kafka, Path lake, boolean ordering)
            throws IOException {
        return HubConfig.write(parent, name, kafka, lake, """
                name: %1$s
                type: pubsub
                pubsub:
                  project: %2$s
                  subscription: %3$s
                  emulatorHost: %4$s
                  ackDeadline: 10s
                  ordering: %5$s
                """.formatted(name, PubSubEmulator.PROJECT, subscription(name), emulatorHost, ordering)
                + HubConfig.telemetrySections("fromHeader: pubsub_attr_deviceId", topic(name), table(name), 5000));
    }

    static String subscription(String name) {
        return name + "-sub";
    }

    static String pubsubTopic(String name) {
        return name + "-in";
    }

    static String topic(String name) {
        return "telemetry." + name;
    }

    static String table(String name) {
        return name.replace('-', '_');
    }

    static byte[] payload(int device, int seq) {
        return ("{\"seq\":" + seq + ",\"ts\":\"" + Telemetry.START.plusSeconds(seq) + "\",\"temp\":" + Telemetry.temperature(device, seq)
                + "}").getBytes(StandardCharsets.UTF_8);
    }

    static Map<String, String> attributes(int device, int seq) {
        return Map.of("deviceId", Telemetry.device(device), "seq", Integer.toString(seq), "site", "north");
    }

}
