package io.tributary.it.pubsub;

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

/** The README's Pub/Sub example passes what {@code ./tributary validate} checks, as it stands in the README. */
class ReadmePubSubExampleTest {

    static final Path README = Path.of("..").toAbsolutePath().normalize().resolve("README.md");
    static final String HEADING = "### A Pub/Sub source";

    @TempDir
    Path dir;

    @Test
    void readmeExampleIsAValidSource() throws IOException {
        String example = yamlBlockUnder(Files.readString(README), HEADING);
        Files.createDirectories(dir.resolve("sources"));
        Files.writeString(dir.resolve("hub.yaml"), "kafka:\n  bootstrapServers: 127.0.0.1:9092\n");
        Files.writeString(dir.resolve("sources/fleet-pubsub.yaml"), example);

        LoadedConfig config = new ConfigLoader(SourceConnectors.discover(), Variables.of(Map.of())).load(dir);

        assertThat(config.problems().toString()).as("validate on the README's example").isEmpty();
        assertThat(config.sources()).singleElement().satisfies(source -> {
            assertThat(source.definition().type()).isEqualTo("pubsub");
            assertThat(source.connector().describeOrigin(source.definition()))
                    .isEqualTo("pubsub://acme-telemetry/subscriptions/fleet-hub");
        });
    }

    /** The first {@code ```yaml} block after the heading, before the next heading. */
    static String yamlBlockUnder(String markdown, String heading) {
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
