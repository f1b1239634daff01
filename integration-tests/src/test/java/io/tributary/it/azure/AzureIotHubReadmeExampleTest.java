package io.tributary.it.azure;

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
 * The README's Azure IoT Hub example and config/examples/azure-iothub.yaml pass what {@code ./tributary validate}
 * checks, as they stand, with the two connection strings set the way an operator would.
 */
class AzureIotHubReadmeExampleTest {

    static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    static final String HEADING = "### Azure IoT Hub source";
    static final Map<String, String> VARIABLES = Map.of(
            "IOTHUB_EVENTHUB_CONNECTION", "Endpoint=sb://iothub-ns-acme-fleet-123.servicebus.windows.net/;"
                    + "SharedAccessKeyName=service;SharedAccessKey=c2VjcmV0;EntityPath=acme-fleet-hub",
            "CHECKPOINT_STORAGE", "DefaultEndpointsProtocol=https;AccountName=acmehub;AccountKey=a2V5;"
                    + "EndpointSuffix=core.windows.net");

    @TempDir
    Path dir;

    @Test
    void readmeExampleIsAValidSource() throws IOException {
        assertValid(yamlBlockUnder(Files.readString(REPO.resolve("README.md")), HEADING));
    }

    @Test
    void shippedExampleIsAValidSource() throws IOException {
        assertValid(Files.readString(REPO.resolve("config/examples/azure-iothub.yaml")));
    }

    private void assertValid(String source) throws IOException {
        Files.createDirectories(dir.resolve("sources"));
        Files.writeString(dir.resolve("hub.yaml"), "kafka:\n  bootstrapServers: 127.0.0.1:9092\n");
        Files.writeString(dir.resolve("sources/fleet-iothub.yaml"), source);

        LoadedConfig config = new ConfigLoader(SourceConnectors.discover(), Variables.of(VARIABLES)).load(dir);

        assertThat(config.problems().toString()).as("validate on the example").isEmpty();
        assertThat(config.sources()).singleElement().satisfies(s -> {
            assertThat(s.definition().type()).isEqualTo("azure-iothub");
            assertThat(s.connector().describeOrigin(s.definition()))
                    .isEqualTo("azure-iothub://acme-fleet-hub/acme-fleet-hub/ConsumerGroups/tributary "
                            + "(endpoint sb://iothub-ns-acme-fleet-123.servicebus.windows.net)")
                    .doesNotContain("c2VjcmV0");
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
        return section.substring(start + 8, section.indexOf("\n```", start + 8) + 1);
    }
}
