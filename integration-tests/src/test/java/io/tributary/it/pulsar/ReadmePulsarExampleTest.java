package io.tributary.it.pulsar;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.connector.SourceConnectors;
import io.tributary.routes.config.ConfigLoader;
import io.tributary.routes.config.LoadedConfig;
import io.tributary.routes.config.Variables;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's Pulsar example and config/examples/pulsar.yaml pass what {@code ./tributary validate} checks, as
 * they stand; the token comes from PULSAR_TOKEN, as it would in the hub's environment.
 */
class ReadmePulsarExampleTest {

    static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    static final String HEADING = "### A Pulsar source";
    static final String ORIGIN = "pulsar+ssl://pulsar.example.com:6651/persistent://acme/telemetry/fleet"
            + "?subscription=tributary-fleet";

    @TempDir
    Path dir;

    @Test
    void readmeExampleIsAValidSource() throws IOException {
        String example = yamlBlockUnder(Files.readString(REPO.resolve("README.md")), HEADING);
        assertValid(example);
    }

    @Test
    void shippedExampleIsAValidSource() throws IOException {
        assertValid(Files.readString(REPO.resolve("config/examples/pulsar.yaml")));
    }

    @Test
    void exampleWithoutItsTokenVariableFailsValidationAtTheTokenKey() throws IOException {
        Files.createDirectories(dir.resolve("sources"));
        Files.writeString(dir.resolve("hub.yaml"), "kafka:\n  bootstrapServers: 127.0.0.1:9092\n");
        Files.writeString(dir.resolve("sources/fleet-pulsar.yaml"),
                Files.readString(REPO.resolve("config/examples/pulsar.yaml")));

        LoadedConfig config = new ConfigLoader(SourceConnectors.discover(), Variables.of(Map.of())).load(dir);

        assertThat(config.problems().toString()).contains("fleet-pulsar.yaml:").contains("pulsar.token")
                .contains("PULSAR_TOKEN");
    }

    private void assertValid(String source) throws IOException {
        Files.createDirectories(dir.resolve("sources"));
        Files.writeString(dir.resolve("hub.yaml"), "kafka:\n  bootstrapServers: 127.0.0.1:9092\n");
        Files.writeString(dir.resolve("sources/fleet-pulsar.yaml"), source);

        LoadedConfig config = new ConfigLoader(SourceConnectors.discover(),
                Variables.of(Map.of("PULSAR_TOKEN", "eyJhbGciOiJIUzI1NiJ9.test"))).load(dir);

        assertThat(config.problems().toString()).as("validate on the example").isEmpty();
        assertThat(config.sources()).singleElement().satisfies(s -> {
            assertThat(s.definition().type()).isEqualTo("pulsar");
            assertThat(s.connector().describeOrigin(s.definition())).isEqualTo(ORIGIN);
        });
    }

    /** The first {@code ```yaml} block after the heading, before the next heading. */
    private static String yamlBlockUnder(String markdown, String heading) {
        int at = markdown.indexOf(heading + "\n");
        assertThat(at).as("README has the heading '%s'", heading).isNotNegative();
        int next = markdown.indexOf("\n##", at + heading.length());
        String section = markdown.substring(at, next < 0 ? markdown.length() : next);
        int start = section.indexOf("```yaml\n");
        assertThat(start).as("a yaml block under '%s'", heading).isNotNegative();
        int end = section.indexOf("\n```", start + 8);
        return section.substring(start + 8, end + 1);
    }
}
