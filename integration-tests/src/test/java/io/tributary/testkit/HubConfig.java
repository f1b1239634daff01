package io.tributary.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes a hub's config directory for one test: {@code hub.yaml} and one source file. */
public final class HubConfig {

    private HubConfig() {
    }

    /**
     * Writes {@code <parent>/config-<name>/hub.yaml} (Kafka, lake root, HTTP on a random port) and
     * {@code sources/<name>.yaml}.
     *
     * @param kafka  bootstrap servers
     * @param lake   lake root
     * @param source the source file's YAML
     * @return the config directory
     */
    public static Path write(Path parent, String name, String kafka, Path lake, String source) throws IOException {
        return write(parent, name, kafka, lake, null, source);
    }

    /**
     * As {@link #write(Path, String, String, Path, String)}, with {@code lake.instanceId} set to {@code instanceId}
     * (Kafka static membership of the lake consumers) unless it is null.
     */
    public static Path write(Path parent, String name, String kafka, Path lake, String instanceId, String source)
            throws IOException {
        Path dir = Files.createDirectories(parent.resolve("config-" + name).resolve("sources")).getParent();
        Files.writeString(dir.resolve("hub.yaml"), """
                kafka:
                  bootstrapServers: %s
                lake:
                  root: %s
                %shttp:
                  port: 0
                """.formatted(kafka, lake, instanceId == null ? "" : "  instanceId: " + instanceId + "\n"));
        Files.writeString(dir.resolve("sources").resolve(name + ".yaml"), source);
        return dir;
    }

    /**
     * The name, type and mqtt sections of a telemetry source file: QoS 1 from {@code <name>/+/telemetry} on the
     * broker at {@code mqttUrl}; {@link #telemetrySections} follows it.
     */
    public static String mqttSource(String name, String mqttUrl) {
        return """
                name: %1$s
                type: mqtt
                mqtt:
                  url: %2$s
                  topics: ["%1$s/+/telemetry"]
                  qos: 1
                """.formatted(name, mqttUrl);
    }

    /**
     * The device, kafka and lake sections of a telemetry source file (to follow its own name, type and
     * protocol sections): the device id as {@code device} says (e.g. {@code fromHeader: pulsar_key}), or, when
     * {@code device} is null, no device section (the connector's default device id), a 4-partition Kafka topic,
     * and a table of seq and temperature from JSON payloads with {@code ts}, rolled every {@code maxRecords}
     * records or second.
     */
    public static String telemetrySections(String device, String topic, String table, int maxRecords) {
        return (device == null ? "" : "device:\n  " + device + "\n") + """
                kafka:
                  topic: %s
                  partitions: 4
                lake:
                  table: %s
                  eventTime: /ts
                  columns:
                    - { name: seq, type: long, path: /seq, required: true }
                    - { name: temperature, type: double, path: /temp, required: true }
                  roll: { maxRecords: %d, maxAge: 1s }
                """.formatted(topic, table, maxRecords);
    }
}
