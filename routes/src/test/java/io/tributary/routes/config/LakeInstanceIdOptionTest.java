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

/** {@code lake.instanceId} in hub.yaml: the static member id of the hub's lake consumers, checked before start. */
class LakeInstanceIdOptionTest {

    @TempDir
    Path dir;

    @BeforeEach
    void sources() throws IOException {
        Files.createDirectories(dir.resolve("sources"));
        Files.writeString(dir.resolve("sources/fleet.yaml"), ConfigLoaderTest.GOOD);
    }

    private LoadedConfig load(String lake, Map<String, String> env) throws IOException {
        Files.writeString(dir.resolve("hub.yaml"), ConfigLoaderTest.HUB + lake);
        return new ConfigLoader(SourceConnectors.discover(), Variables.of(env)).load(dir);
    }

    private List<String> problems(String lake) throws IOException {
        return load(lake, Map.of()).problems().sorted().stream().map(Problem::toString)
                .map(s -> s.replace(dir.toString() + "/", "")).toList();
    }

    @Test
    void isUnsetByDefaultSoConsumersStayDynamicMembers() throws IOException {
        LoadedConfig config = load("lake:\n  root: lake\n", Map.of());

        assertThat(config.problems().sorted()).isEmpty();
        assertThat(config.hub().lakeInstanceId()).isEmpty();
    }

    @Test
    void takesThePodNameFromTheEnvironment() throws IOException {
        LoadedConfig config = load("lake:\n  instanceId: ${HOSTNAME}\n", Map.of("HOSTNAME", "tributary-0.fleet"));

        assertThat(config.problems().sorted()).isEmpty();
        assertThat(config.hub().lakeInstanceId()).contains("tributary-0.fleet");
    }

    @Test
    void refusesCharactersKafkaRefusesInAGroupInstanceId() throws IOException {
        assertThat(problems("lake:\n  instanceId: 'hub 1/eu'\n")).singleElement().satisfies(p -> assertThat(p)
                .contains("hub.yaml:4:15", "lake.instanceId", "'hub 1/eu'", "a-z A-Z 0-9 . _ -"));
    }

    @Test
    void refusesAnEmptyOrTooLongId() throws IOException {
        assertThat(problems("lake:\n  instanceId: ''\n")).singleElement()
                .satisfies(p -> assertThat(p).contains("lake.instanceId"));
        // with "-" and a table name of up to 63 characters it must stay within Kafka's 249
        assertThat(problems("lake:\n  instanceId: " + "h".repeat(181) + "\n")).singleElement()
                .satisfies(p -> assertThat(p).contains("lake.instanceId", "1 to 180"));
        assertThat(problems("lake:\n  instanceId: " + "h".repeat(180) + "\n")).isEmpty();
    }
}
