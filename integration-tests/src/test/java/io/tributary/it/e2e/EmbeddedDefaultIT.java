package io.tributary.it.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.testkit.HubProcess;
import io.tributary.testkit.Lake;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's first command: {@code tributary run --embedded} on the shipped config brings up Kafka, MQTT and a
 * device fleet in one JVM, prints progress, writes a lake DuckDB can read, and flushes it on SIGTERM (Ctrl-C).
 */
class EmbeddedDefaultIT {

    static final Path SHIPPED_CONFIG = Path.of(System.getProperty("tributary.home", "..")).resolve("config")
            .toAbsolutePath().normalize();

    @TempDir
    Path work;

    @Test
    void runsTheShippedConfigOnEmbeddedBrokersAndFlushesOnShutdown() throws Exception {
        try (HubProcess hub = HubProcess.hub("run", "--embedded", "--config", SHIPPED_CONFIG.toString(),
                        "--rate", "1000", "--progress-interval", "1000")
                .env("TRIBUTARY_HTTP_PORT", "0")
                .log(work.resolve("hub.log"))
                .workingDirectory(work)
                .start();
             Lake lake = Lake.open()) {
            hub.waitForLog("Tributary is running", Duration.ofSeconds(90));
            hub.waitForLog("files=1", Duration.ofSeconds(60));
            assertThat(hub.stop()).as("a clean stop on SIGTERM").isEqualTo(HubProcess.EXIT_SIGTERM);
            assertThat(hub.log()).contains("progress: in=", "Hub stopped");

            Path lakeRoot = work.resolve("lake");
            long rows = lake.count(lakeRoot, "fleet_telemetry");
            assertThat(rows).isPositive();
            Map<String, Object> summary = lake.query("SELECT count(DISTINCT device_id) AS devices, "
                    + "count(DISTINCT (kafka_partition, kafka_offset)) AS positions, min(seq) AS first_seq FROM "
                    + Lake.parquet(lakeRoot, "fleet_telemetry")).get(0);
            assertThat((Long) summary.get("devices")).isEqualTo(50L);
            assertThat(summary.get("positions")).isEqualTo(rows);
            assertThat(summary.get("first_seq")).isEqualTo(0L);
        }
    }
}
