package io.tributary.it.pubsub;

import io.tributary.testkit.HubConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

/** A config directory for one Pub/Sub test (its own subscription, Kafka topic and lake table), and its telemetry. */
final class PubSubHubConfig {

    static final Instant START = Instant.parse("2026-11-21T08:00:00Z");

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

    static String device(int index) {
        return String.format("dev-%03d", index);
    }

    static double temperature(int device, int seq) {
        return 15.0 + device * 0.25 + (seq % 17) * 0.5;
    }

    static byte[] payload(int device, int seq) {
        return ("{\"seq\":" + seq + ",\"ts\":\"" + START.plusSeconds(seq) + "\",\"temp\":" + temperature(device, seq)
                + "}").getBytes(StandardCharsets.UTF_8);
    }

    static Map<String, String> attributes(int device, int seq) {
        return Map.of("deviceId", device(device), "seq", Integer.toString(seq), "site", "north");
    }

}
