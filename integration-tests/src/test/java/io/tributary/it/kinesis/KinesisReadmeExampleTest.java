package io.tributary.it.kinesis;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.connector.SourceConnectors;
import io.tributary.routes.config.ConfigLoader;
import io.tributary.routes.config.LoadedConfig;
import io.tributary.routes.config.SourceConfig;
import io.tributary.routes.config.Variables;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's Kinesis example is copy-paste ready: it passes the same validation as {@code ./tributary validate}. */
class KinesisReadmeExampleTest {

    static final Path REPO = Path.of(System.getProperty("tributary.home", "..")).toAbsolutePath().normalize();

    @TempDir
    Path dir;

    static String example() throws Exception {
        String readme = Files.readString(REPO.resolve("README.md"));
        int section = readme.indexOf("### A Kinesis source");
        assertThat(section).as("README.md has a '### A Kinesis source' section").isNotNegative();
        int start = readme.indexOf("```yaml\n", section) + "```yaml\n".length();
        int end = readme.indexOf("```", start);
        return readme.substring(start, end);
    }

    @Test
    void shouldValidateTheReadmeExample() throws Exception {
        Files.createDirectories(dir.resolve("sources"));
        Files.writeString(dir.resolve("hub.yaml"), """
                kafka:
                  bootstrapServers: 127.0.0.1:9092
                lake:
                  root: %s
                """.formatted(dir.resolve("lake")));
        Files.writeString(dir.resolve("sources").resolve("fleet-kinesis.yaml"), example());

        LoadedConfig config = new ConfigLoader(SourceConnectors.discover(), Variables.of(Map.of())).load(dir);

        assertThat(config.problems().toString()).isEmpty();
        assertThat(config.sources()).singleElement().satisfies(source -> {
            assertThat(source.definition().type()).isEqualTo("kinesis");
            assertThat(source.connector().describeOrigin(source.definition()))
                    .isEqualTo("arn:aws:kinesis:eu-west-1:123456789012:stream/fleet-telemetry");
        });
    }

    @Test
    void shouldReportAMistakeInTheExampleWithItsPosition() throws Exception {
        Files.createDirectories(dir.resolve("sources"));
        Files.writeString(dir.resolve("hub.yaml"), """
                kafka:
                  bootstrapServers: 127.0.0.1:9092
                lake:
                  root: %s
                """.formatted(dir.resolve("lake")));
        String broken = example().replace("initialPosition: TRIM_HORIZON", "initialPosition: AT_TIMESTAMP");
        Path file = dir.resolve("sources").resolve("fleet-kinesis.yaml");
        Files.writeString(file, broken);
        int line = broken.substring(0, broken.indexOf("initialPosition")).split("\n", -1).length;

        LoadedConfig config = new ConfigLoader(SourceConnectors.discover(), Variables.of(Map.of())).load(dir);

        assertThat(config.problems().toString()).contains("fleet-kinesis.yaml:" + line + ":3: "
                + "kinesis.initialPosition: initialPosition AT_TIMESTAMP needs timestamp");
    }
}
