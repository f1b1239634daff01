package io.tributary.routes.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.connector.SourceConnectors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The config the project ships validates, and its generated schema and docs are not stale. */
class ShippedConfigTest {

    static final Path REPO = Path.of("..").toAbsolutePath().normalize();

    @Test
    void shippedConfigIsValid() {
        LoadedConfig config = new ConfigLoader(SourceConnectors.discover(), Variables.of(Map.of()))
                .load(REPO.resolve("config"));
        assertThat(config.problems().toString()).isEmpty();
        assertThat(config.sources()).isNotEmpty();
    }

    @Test
    void shippedFilesPointEditorsAtTheSchema() throws IOException {
        try (var files = Files.list(REPO.resolve("config/sources"))) {
            files.forEach(f -> assertThat(read(f)).as(f.toString())
                    .startsWith("# yaml-language-server: $schema=../schema/source.schema.json"));
        }
        assertThat(read(REPO.resolve("config/hub.yaml"))).startsWith("# yaml-language-server: $schema=schema/hub.schema.json");
    }

    @Test
    void generatedSchemaAndDocsAreNotStale() throws IOException {
        assertThat(new GeneratedFiles(REPO).stale())
                .as("generated from the option declarations; regenerate with ./tributary generate")
                .isEmpty();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
