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
        return HubConfig.write(parent, name, kafka, lake, """
                name: %1$s
                type: mqtt
                mqtt:
                  url: %2$s
                  topics: ["%1$s/+/telemetry"]
                  qos: 1
                device:
                  fromTopic: %1$s/{device}/telemetry
                kafka:
                  topic: %3$s
                  partitions: 4
                lake:
                  table: %4$s
                  eventTime: /ts
                  columns:
                    - { name: seq, type: long, path: /seq, required: true }
                    - { name: temperature, type: double, path: /temp, required: true }
                  roll: { maxRecords: 2000, maxAge: 1s }
                """.formatted(name, mqtt, topic(name), table(name)));
    }

    static String topic(String name) {
        return "telemetry." + name;
    }

    static String table(String name) {
        return name.replace('-', '_');
    }
}
