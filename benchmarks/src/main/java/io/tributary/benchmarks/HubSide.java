package io.tributary.benchmarks;

import io.tributary.connector.SourceConnectors;
import io.tributary.routes.config.ConfigLoader;
import io.tributary.routes.config.LoadedConfig;
import io.tributary.routes.config.Variables;
import io.tributary.routes.runtime.Hub;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** The hub in this JVM with one MQTT source into one Kafka topic, no lake table and no HTTP. */
final class HubSide {

    private static final long PROGRESS_MILLIS = 5_000;

    private HubSide() {
    }

    /**
     * @param name source name, also the MQTT topic root {@code name/+/telemetry}
     */
    static Hub start(Path work, String name, String mqttUrl, String bootstrapServers, String topic, int partitions)
            throws Exception {
        Path dir = writeConfig(work.resolve("config-" + name), name, mqttUrl, bootstrapServers, topic, partitions,
                work.resolve("lake"));
        LoadedConfig config = new ConfigLoader(SourceConnectors.discover(), Variables.of(Map.of())).load(dir);
        if (!config.valid()) {
            throw new IllegalStateException("benchmark hub config is invalid:\n" + config.problems());
        }
        // progress lines would interleave with the results
        return Hub.start(config, new PrintStream(OutputStream.nullOutputStream()), PROGRESS_MILLIS);
    }

    private static Path writeConfig(Path dir, String name, String mqttUrl, String bootstrapServers, String topic,
                                    int partitions, Path lake) throws IOException {
        Files.createDirectories(dir.resolve("sources"));
        Files.writeString(dir.resolve("hub.yaml"), """
                kafka:
                  bootstrapServers: %s
                  clientId: bench
                lake:
                  root: %s
                http:
                  enabled: false
                """.formatted(bootstrapServers, lake));
        Files.writeString(dir.resolve("sources").resolve(name + ".yaml"), """
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
                  partitions: %4$d
                """.formatted(name, mqttUrl, topic, partitions));
        return dir;
    }
}
