package io.tributary.routes.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.connector.SourceConnectors;
import io.tributary.routes.config.ConfigLoader;
import io.tributary.routes.config.ConfigLoaderTest;
import io.tributary.routes.config.LoadedConfig;
import io.tributary.routes.config.Variables;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlanPrinterTest {

    @TempDir
    Path dir;

    @Test
    void printsEverySourceWithItsColumnsAndNoSecret() throws IOException {
        Files.createDirectories(dir.resolve("sources"));
        Files.writeString(dir.resolve("hub.yaml"), ConfigLoaderTest.HUB);
        Files.writeString(dir.resolve("sources/fleet.yaml"), ConfigLoaderTest.GOOD
                .replace("  topics:", "  username: ${MQTT_USER}\n  password: ${MQTT_PASSWORD}\n  topics:"));
        LoadedConfig config = new ConfigLoader(SourceConnectors.discover(),
                Variables.of(Map.of("MQTT_USER", "fleet-user", "MQTT_PASSWORD", "hunter2"))).load(dir);
        assertThat(config.problems().toString()).isEmpty();

        String plan = PlanPrinter.print(config);

        assertThat(plan).contains("source fleet", "protocol:   mqtt", "tcp://127.0.0.1:1883", "fleet/+/telemetry",
                "topic telemetry.fleet", "dead letters to telemetry.fleet.dlq", "device id from topic fleet/{device}/telemetry",
                "lake table: fleet, partitioned by dt (day)", "device_id string", "kafka_offset long", "temp double <- /temp");
        assertThat(plan).doesNotContain("hunter2").contains("lake: local folder lake");
    }

    @Test
    void saysAnIotHubSourceWithoutDeviceTakesItsConnectorsDeviceHeader() throws IOException {
        Files.createDirectories(dir.resolve("sources"));
        Files.writeString(dir.resolve("hub.yaml"), ConfigLoaderTest.HUB);
        Files.writeString(dir.resolve("sources/fleet-iothub.yaml"), ConfigLoaderTest.IOTHUB);
        LoadedConfig config = new ConfigLoader(SourceConnectors.discover(), Variables.of(Map.of())).load(dir);
        assertThat(config.problems().toString()).isEmpty();

        assertThat(PlanPrinter.print(config)).contains("key:        device id from header iothub_device_id "
                + "(the device id of type azure-iothub, as the source has no device: section)");
    }

    @Test
    void namesAnObjectStoreLakeWithoutItsKeys() throws IOException {
        Files.createDirectories(dir.resolve("sources"));
        Files.writeString(dir.resolve("hub.yaml"), ConfigLoaderTest.HUB + """
                lake:
                  storage:
                    type: s3
                    s3:
                      bucket: telemetry-lake
                      prefix: warehouse
                      region: eu-west-1
                      accessKeyId: ${S3_KEY_ID}
                      secretAccessKey: ${S3_SECRET}
                """);
        Files.writeString(dir.resolve("sources/fleet.yaml"), ConfigLoaderTest.GOOD);
        LoadedConfig config = new ConfigLoader(SourceConnectors.discover(),
                Variables.of(Map.of("S3_KEY_ID", "AKIAEXAMPLE", "S3_SECRET", "s3cr3t-value"))).load(dir);
        assertThat(config.problems().toString()).isEmpty();

        String plan = PlanPrinter.print(config);

        assertThat(plan).contains("lake: s3://telemetry-lake/warehouse (region eu-west-1)")
                .doesNotContain("AKIAEXAMPLE", "s3cr3t-value");
    }
}
