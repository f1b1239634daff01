package io.tributary.it.e2e;

import io.tributary.testkit.HubConfig;
import java.io.IOException;
import java.nio.file.Path;

/** Writes a config directory for one test: its own MQTT topics, Kafka topic and lake table. */
final class HubConfigDir {

    private HubConfigDir() {
    }

    /**
     * @param name   the test's unique name; used for the source, the topic root, the Kafka topic and the table
     * @param mqtt   broker url
     * @param kafka  bootstrap servers
     * @param lake   lake root
     */
    static Path write(Path parent, String name, String mqtt, String kafka, Path lake) throws IOException {
        return write(parent, name, mqtt, kafka, lake, null);
    }

    /** As {@link #write(Path, String, String, String, Path)}, with {@code lake.instanceId} set unless null. */
    static Path write(Path parent, String name, String mqtt, String kafka, Path lake, String instanceId)
            throws IOException {
        return HubConfig.write(parent, name, kafka, lake, instanceId, HubConfig.mqttSource(name, mqtt)
                + HubConfig.telemetrySections("fromTopic: " + name + "/{device}/telemetry", topic(name), table(name),
                        2000));
    }

    static String topic(String name) {
        return "telemetry." + name;
    }

    static String table(String name) {
        return name.replace('-', '_');
    }
}
