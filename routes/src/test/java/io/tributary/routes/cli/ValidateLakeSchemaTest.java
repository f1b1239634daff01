package io.tributary.routes.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.lake.ColumnType;
import io.tributary.lake.LakeColumn;
import io.tributary.lake.schema.SchemaEvolution;
import io.tributary.lake.schema.SchemaStore;
import io.tributary.lake.schema.SmallFiles;
import io.tributary.lake.schema.TableSchema;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code validate} against a lake whose table already recorded a schema. */
class ValidateLakeSchemaTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int validate() {
        CommandLine cli = TributaryCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute("validate", dir.resolve("config").toString());
    }

    @BeforeEach
    void recordTable() throws IOException {
        Path config = Files.createDirectories(dir.resolve("config/sources"));
        Files.writeString(config.getParent().resolve("hub.yaml"), "kafka:\n  bootstrapServers: 127.0.0.1:9092\n"
                + "lake:\n  root: " + dir.resolve("lake") + "\n");
        TableSchema recorded = SchemaEvolution.evolve("fleet_telemetry", TableSchema.empty(), List.of(
                new LakeColumn("temperature", ColumnType.DOUBLE, "/temp", false),
                new LakeColumn("count", ColumnType.LONG, "/n", false),
                new LakeColumn("site", ColumnType.STRING, "/site", false)));
        new SchemaStore(SmallFiles.local(dir.resolve("lake"))).save("fleet_telemetry", recorded);
    }

    private Path source(String columns) throws IOException {
        Path file = dir.resolve("config/sources/fleet.yaml");
        Files.writeString(file, """
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
                  table: fleet_telemetry
                  columns:
                """ + columns);
        return file;
    }

    @Test
    void refusesANarrowedColumnNamingItsLineAndTheTable() throws IOException {
        Path file = source("""
                    - name: site
                      type: string
                      path: /site
                    - name: temperature
                      type: long
                      path: /temp
                    - { name: count, type: boolean, path: /n }
                """);
        assertThat(validate()).isEqualTo(1);
        assertThat(err.toString()).contains(file + ":17:7: lake.columns[1].type: column 'temperature' was double in"
                        + " table 'fleet_telemetry' and cannot become long (narrowing); add a new column instead")
                .contains(file + ":19:22: lake.columns[2].type: column 'count' was long in table 'fleet_telemetry'"
                        + " and cannot become boolean (incompatible types); add a new column instead")
                .contains("2 problem(s) found");
    }

    @Test
    void acceptsWideningAndNewColumns() throws IOException {
        source("""
                    - { name: count, type: double, path: /n }
                    - { name: humidity, type: int, path: /hum }
                """);
        assertThat(validate()).as(err.toString()).isZero();
        assertThat(out.toString()).contains("valid, 1 source(s)");
    }
}
