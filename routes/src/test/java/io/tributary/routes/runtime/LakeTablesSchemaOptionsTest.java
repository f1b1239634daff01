package io.tributary.routes.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.connector.SourceConnectors;
import io.tributary.lake.LakeTable;
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

/** lake.inferColumns and lake.maxOpenFiles reach the sink's table description. */
class LakeTablesSchemaOptionsTest {

    @TempDir
    Path dir;

    private LakeTable table(String lakeExtra) throws IOException {
        Files.createDirectories(dir.resolve("sources"));
        Files.writeString(dir.resolve("hub.yaml"), ConfigLoaderTest.HUB);
        Files.writeString(dir.resolve("sources/fleet.yaml"), ConfigLoaderTest.GOOD + lakeExtra);
        LoadedConfig config = new ConfigLoader(SourceConnectors.discover(), Variables.of(Map.of())).load(dir);
        assertThat(config.problems().sorted()).isEmpty();
        return LakeTables.of(config.sources().get(0)).orElseThrow();
    }

    @Test
    void declaresColumnsOnlyAndCapsOpenFilesByDefault() throws IOException {
        LakeTable table = table("");
        assertThat(table.inferColumns()).isFalse();
        assertThat(table.maxOpenFiles()).isEqualTo(64);
    }

    @Test
    void passesInferenceAndTheOpenFileCapToTheSink() throws IOException {
        LakeTable table = table("  inferColumns: true\n  maxOpenFiles: 8\n");
        assertThat(table.inferColumns()).isTrue();
        assertThat(table.maxOpenFiles()).isEqualTo(8);
    }
}
