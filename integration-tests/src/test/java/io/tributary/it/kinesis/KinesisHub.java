package io.tributary.it.kinesis;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.connector.SourceConnectors;
import io.tributary.routes.config.ConfigLoader;
import io.tributary.routes.config.LoadedConfig;
import io.tributary.routes.config.Variables;
import io.tributary.routes.runtime.Hub;
import io.tributary.testkit.HubConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * A config directory for one test (its own stream, Kafka topic, lake table and checkpoint folder) and the in-process
 * hub that runs it. The static keys come in as ${VARIABLES}, as secrets must.
 */
final class KinesisHub {

    static final String WRITTEN = "tributary.source.written";

    private KinesisHub() {
    }

    static Path writeConfig(Path parent, String name, KinesisLocal kinesis, String kafka, int maxRecordsPerPoll)
            throws IOException {
        return HubConfig.write(parent, name, kafka, lake(parent), """
                name: %1$s
                type: kinesis
                kinesis:
                  stream: %1$s
                  region: %2$s
                  endpointOverride: %3$s
                  accessKeyId: ${KINESIS_ACCESS_KEY}
                  secretAccessKey: ${KINESIS_SECRET_KEY}
                  maxRecordsPerPoll: %4$d
                  pollInterval: 200ms
                  checkpointDir: %5$s
                """.formatted(name, KinesisLocal.REGION, kinesis.endpoint(), maxRecordsPerPoll, checkpoints(parent))
                + HubConfig.telemetrySections("fromHeader: kinesis_partition_key", topic(name), table(name), 5000));
    }

    static Hub start(Path configDir) throws Exception {
        LoadedConfig config = new ConfigLoader(SourceConnectors.discover(), Variables.of(Map.of(
                "KINESIS_ACCESS_KEY", KinesisLocal.ACCESS_KEY, "KINESIS_SECRET_KEY", KinesisLocal.SECRET_KEY)))
                .load(configDir);
        assertThat(config.problems().toString()).isEmpty();
        return Hub.start(config, System.out, 60_000);
    }

    static long written(Hub hub) {
        return hub.metrics().totals().getOrDefault(WRITTEN, 0L);
    }

    static Path lake(Path parent) {
        return parent.resolve("lake");
    }

    static Path checkpoints(Path parent) {
        return parent.resolve("checkpoints");
    }

    static String topic(String name) {
        return "telemetry." + name;
    }

    static String table(String name) {
        return name.replace('-', '_');
    }

    /** A device's n-th reading: seq n, temperature 20 + device + n / 1000. */
    static String payload(int device, int n) {
        return "{\"seq\":" + n + ",\"ts\":\"2026-11-21T08:00:00Z\",\"temp\":" + (20 + device + n / 1000.0) + "}";
    }
}
