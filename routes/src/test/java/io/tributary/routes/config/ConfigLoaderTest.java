package io.tributary.routes.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.connector.SourceConnectors;
import io.tributary.spec.Problem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every class of bad config is refused before anything starts, with file:line:col and the key. */
public class ConfigLoaderTest {

    public static final String HUB = "kafka:\n  bootstrapServers: 127.0.0.1:9092\n";
    public static final String GOOD = """
            name: fleet
            type: mqtt
            mqtt:
              url: tcp://127.0.0.1:1883
              topics: ["fleet/+/telemetry"]
            device:
              fromTopic: fleet/{device}/telemetry
            kafka:
              topic: telemetry.fleet
            lake:
              table: fleet
              columns:
                - { name: temp, type: double, path: /temp }
            """;

    /**
     * An IoT Hub source without {@code device:}: its connector names the device (iothub-connection-device-id). The
     * secrets are the default of variables that are never set, as the contract suite writes them.
     */
    public static final String IOTHUB = """
            name: fleet-iothub
            type: azure-iothub
            azure-iothub:
              connectionString: ${UNSET_IOTHUB_CONNECTION:-Endpoint=sb://iothub-ns-acme.servicebus.windows.net/;SharedAccessKeyName=service;SharedAccessKey=c2VjcmV0;EntityPath=acme-fleet-hub}
              iotHubName: acme-fleet-hub
              checkpointStore:
                connectionString: ${UNSET_CHECKPOINT_STORAGE:-DefaultEndpointsProtocol=https;AccountName=acmehub;AccountKey=a2V5;EndpointSuffix=core.windows.net}
                container: iothub-checkpoints
            kafka:
              topic: telemetry.iothub
            """;

    @TempDir
    Path dir;

    @BeforeEach
    void hub() throws IOException {
        Files.createDirectories(dir.resolve("sources"));
        Files.writeString(dir.resolve("hub.yaml"), HUB);
    }

    private LoadedConfig load(Map<String, String> env) {
        return new ConfigLoader(SourceConnectors.discover(), Variables.of(env)).load(dir);
    }

    private List<String> problems(String sourceYaml) throws IOException {
        Files.writeString(dir.resolve("sources/fleet.yaml"), sourceYaml);
        return load(Map.of()).problems().sorted().stream().map(Problem::toString)
                .map(s -> s.replace(dir.toString() + "/", "")).toList();
    }

    @Test
    void acceptsAValidSource() throws IOException {
        assertThat(problems(GOOD)).isEmpty();
        LoadedConfig config = load(Map.of());
        assertThat(config.sources()).singleElement().satisfies(s -> {
            assertThat(s.topic()).isEqualTo("telemetry.fleet");
            assertThat(s.deadLetterTopic()).isEqualTo("telemetry.fleet.dlq");
            assertThat(s.partitions()).isEqualTo(6);
        });
    }

    @Test
    void shouldRejectUnknownKeyWithSuggestion() throws IOException {
        assertThat(problems(GOOD.replace("  topics:", "  topcis:")))
                .contains("sources/fleet.yaml:5:3: mqtt.topcis: unknown key 'topcis'; did you mean 'topics'?");
    }

    @Test
    void shouldRejectWrongType() throws IOException {
        assertThat(problems(GOOD.replace("  topic: telemetry.fleet", "  topic: telemetry.fleet\n  partitions: many")))
                .containsExactly("sources/fleet.yaml:10:15: kafka.partitions: expected an integer, found 'many'");
    }

    @Test
    void shouldRejectMissingRequiredKey() throws IOException {
        assertThat(problems(GOOD.replace("kafka:\n  topic: telemetry.fleet\n", "kafka: {}\n")))
                .containsExactly("sources/fleet.yaml:8:8: kafka.topic: missing required key 'topic'");
    }

    @Test
    void shouldRejectUnknownTypeListingTheAllowedOnes() throws IOException {
        assertThat(problems(GOOD.replace("type: mqtt", "type: mqt")))
                .containsExactly("sources/fleet.yaml:2:7: type: 'mqt' is not allowed; use one of: "
                        + String.join(", ", SourceConnectors.discover().all().keySet()) + " (did you mean 'mqtt'?)");
    }

    @Test
    void shouldReportYamlSyntaxError() throws IOException {
        assertThat(problems(GOOD.replace("topics: [\"fleet/+/telemetry\"]", "topics: [\"fleet/+/telemetry\"")))
                .singleElement().asString().startsWith("sources/fleet.yaml:6:1: YAML syntax error:");
    }

    @Test
    void shouldRejectDuplicateSourceNamesAcrossFiles() throws IOException {
        Files.writeString(dir.resolve("sources/another.yaml"), GOOD.replace("table: fleet", "table: other"));
        assertThat(problems(GOOD)).containsExactly(
                "sources/fleet.yaml:1:1: name: source name 'fleet' is already used by sources/another.yaml:1:1");
    }

    @Test
    void shouldNameUnsetEnvironmentVariable() throws IOException {
        assertThat(problems(GOOD.replace("tcp://127.0.0.1:1883", "tcp://${MQTT_HOST}:1883")))
                .containsExactly("sources/fleet.yaml:4:8: mqtt.url: environment variable MQTT_HOST is not set (referenced as ${MQTT_HOST})");
    }

    @Test
    void shouldRejectInvalidMqttTopicFilter() throws IOException {
        assertThat(problems(GOOD.replace("fleet/+/telemetry\"]", "fleet/#/telemetry\"]")))
                .singleElement().asString().startsWith("sources/fleet.yaml:5:11: mqtt.topics: ")
                .contains("'#' must be the last level");
    }

    @Test
    void shouldRejectASectionOfAnotherType() throws IOException {
        // the misplaced section's own content is checked too (pulsar's required keys); the first problem says why
        assertThat(problems(GOOD.replace("device:", "pulsar: {}\ndevice:")))
                .first().isEqualTo("sources/fleet.yaml:6:1: pulsar: 'pulsar:' does not apply to type 'mqtt'");
    }

    @Test
    void shouldRejectTwoDeviceSources() throws IOException {
        assertThat(problems(GOOD.replace("  fromTopic: fleet/{device}/telemetry", "  fromTopic: fleet/{device}/telemetry\n  fromPayload: /id")))
                .containsExactly("sources/fleet.yaml:8:3: device.fromPayload: set exactly one of fromTopic, fromPayload, fromHeader (found 2)");
    }

    @Test
    void shouldRequireDeviceForATypeWithoutADefaultDeviceId() throws IOException {
        assertThat(problems(GOOD.replace("device:\n  fromTopic: fleet/{device}/telemetry\n", "")))
                .containsExactly("sources/fleet.yaml:2:1: device: required for type 'mqtt', which has no default "
                        + "device id; add e.g. device: { fromTopic: fleet/{device}/telemetry }, "
                        + "{ fromPayload: /deviceId } or { fromHeader: <metadata header> }");
    }

    @Test
    void acceptsAnIotHubSourceWithoutDeviceAsItsConnectorNamesTheDevice() throws IOException {
        assertThat(problems(IOTHUB)).isEmpty();
        assertThat(load(Map.of()).sources()).singleElement()
                .satisfies(s -> assertThat(s.device()).as("no device: section").isEmpty());
    }

    @Test
    void keepsAnExplicitDeviceSectionForAnIotHubSource() throws IOException {
        assertThat(problems(IOTHUB + "device:\n  fromPayload: /deviceId\n")).isEmpty();
        assertThat(load(Map.of()).sources()).singleElement().satisfies(s -> assertThat(s.device()).isPresent());
    }

    @Test
    void shouldRejectDuplicateColumns() throws IOException {
        assertThat(problems(GOOD.replace("    - { name: temp, type: double, path: /temp }",
                "    - { name: temp, type: double, path: /temp }\n    - { name: temp, type: long, path: /t }")))
                .containsExactly("sources/fleet.yaml:14:9: lake.columns[1].name: column 'temp' is declared twice");
    }

    @Test
    void shouldRequireAHubFile() throws IOException {
        Files.delete(dir.resolve("hub.yaml"));
        assertThat(problems(GOOD)).singleElement().asString().contains("hub.yaml").contains("missing");
    }
}
