package io.tributary.routes.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.connector.SourceConnectors;
import io.tributary.lake.LakeTable;
import io.tributary.lake.PartitionField;
import io.tributary.lake.TableFormat;
import io.tributary.routes.runtime.LakeTables;
import io.tributary.spec.Problem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** lake.partitionBy (shorthand or list of transforms), lake.format and lake.catalog: read, checked, turned into the table. */
class LakeFormatOptionsTest {

    @TempDir
    Path dir;

    @BeforeEach
    void hub() throws IOException {
        Files.createDirectories(dir.resolve("sources"));
        Files.writeString(dir.resolve("hub.yaml"), ConfigLoaderTest.HUB);
    }

    private LoadedConfig load(String lakeExtra, Map<String, String> env) throws IOException {
        Files.writeString(dir.resolve("sources/fleet.yaml"), ConfigLoaderTest.GOOD + lakeExtra);
        return new ConfigLoader(SourceConnectors.discover(), Variables.of(env)).load(dir);
    }

    private List<String> problems(String lakeExtra) throws IOException {
        return load(lakeExtra, Map.of()).problems().sorted().stream().map(Problem::toString)
                .map(s -> s.replace(dir.toString() + "/", "")).toList();
    }

    private LakeTable table(String lakeExtra, Map<String, String> env) throws IOException {
        LoadedConfig config = load(lakeExtra, env);
        assertThat(config.problems().sorted()).isEmpty();
        return LakeTables.of(config.sources().get(0)).orElseThrow();
    }

    @Test
    void keepsDayAsTheDefaultAndAcceptsTheOldShorthands() throws IOException {
        assertThat(table("", Map.of()).partitionBy().fields()).containsExactly(new PartitionField.Day());
        assertThat(table("  partitionBy: hour\n", Map.of()).partitionBy().fields()).containsExactly(new PartitionField.Hour());
        assertThat(table("", Map.of()).format()).isEqualTo(TableFormat.PARQUET);
    }

    @Test
    void readsAListOfTransforms() throws IOException {
        LakeTable table = table("  partitionBy: [day(event_time), bucket(16, device_id)]\n", Map.of());

        assertThat(table.partitionBy().fields())
                .containsExactly(new PartitionField.Day(), new PartitionField.DeviceBucket(16));
        assertThat(table("  partitionBy:\n    - hour\n    - identity(device_id)\n", Map.of()).partitionBy().fields())
                .containsExactly(new PartitionField.Hour(), new PartitionField.DeviceId());
    }

    @Test
    void pointsAtTheBadEntryOfTheList() throws IOException {
        assertThat(problems("  partitionBy: [day(event_time), month(event_time)]\n"))
                .containsExactly("sources/fleet.yaml:14:34: lake.partitionBy[1]: 'month(event_time)' is not a partition"
                        + " transform; use day(event_time), hour(event_time), identity(device_id) or bucket(N, device_id)"
                        + " (day, hour and device_id for short)");
        assertThat(problems("  partitionBy:\n    - hour\n    - bucket(0, device_id)\n"))
                .containsExactly("sources/fleet.yaml:16:7: lake.partitionBy[1]: 'bucket(0, device_id)': the bucket count"
                        + " must be between 1 and 100000");
        assertThat(problems("  partitionBy: weekly\n")).singleElement().asString()
                .startsWith("sources/fleet.yaml:14:16: lake.partitionBy: 'weekly' is not a partition transform");
    }

    @Test
    void refusesTwoTransformsOfOneColumnAtTheList() throws IOException {
        assertThat(problems("  partitionBy: [day, hour]\n"))
                .containsExactly("sources/fleet.yaml:14:16: lake.partitionBy: partitionBy [day(event_time),"
                        + " hour(event_time)] transforms event_time more than once; use either day or hour");
    }

    @Test
    void readsAnIcebergTableWithItsCatalogAndTheEmbeddedDefault() throws IOException {
        LakeTable embedded = table("  format: iceberg\n", Map.of());
        assertThat(embedded.format()).isInstanceOfSatisfying(TableFormat.Iceberg.class, iceberg -> {
            assertThat(iceberg.catalog().uri()).isNull();
            assertThat(iceberg.catalog().namespace()).isEqualTo("tributary");
        });

        LakeTable postgres = table("""
                  format: iceberg
                  catalog:
                    uri: jdbc:postgresql://db.example.com:5432/lake
                    user: ${PGUSER}
                    password: ${PGPASSWORD}
                    namespace: fleet
                """, Map.of("PGUSER", "hub", "PGPASSWORD", "s3cret"));
        assertThat(postgres.format()).isInstanceOfSatisfying(TableFormat.Iceberg.class, iceberg -> {
            assertThat(iceberg.catalog().uri()).isEqualTo("jdbc:postgresql://db.example.com:5432/lake");
            assertThat(iceberg.catalog().user()).isEqualTo("hub");
            assertThat(iceberg.catalog().password()).isEqualTo("s3cret");
            assertThat(iceberg.catalog().namespace()).isEqualTo("fleet");
            assertThat(iceberg.catalog().toString()).doesNotContain("s3cret");
        });
    }

    @Test
    void refusesACatalogOfAParquetTableALiteralPasswordAndANonJdbcUri() throws IOException {
        assertThat(problems("  catalog: { namespace: fleet }\n"))
                .containsExactly("sources/fleet.yaml:14:3: lake.catalog: catalog is only used with format: iceberg");
        assertThat(problems("  format: iceberg\n  catalog: { uri: 'postgres://db/lake' }\n"))
                .singleElement().asString()
                .startsWith("sources/fleet.yaml:15:19: lake.catalog.uri: 'postgres://db/lake' is not a JDBC URL");
        assertThat(problems("  format: iceberg\n  inferColumns: true\n")).singleElement().asString()
                .startsWith("sources/fleet.yaml:15:3: lake.inferColumns: inferColumns is not supported with format: iceberg");
        assertThat(problems("  format: iceberg\n  catalog: { uri: 'jdbc:postgresql://db/lake', password: hunter2 }\n"))
                .singleElement().asString().startsWith("sources/fleet.yaml:15:58: lake.catalog.password:");
    }

    @Test
    void theReadmesIcebergExampleValidates() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        int section = readme.indexOf("## Iceberg tables");
        int start = readme.indexOf("```yaml\n", section) + "```yaml\n".length();
        String lake = readme.substring(start, readme.indexOf("```", start));
        assertThat(lake).startsWith("lake:\n");
        String source = ConfigLoaderTest.GOOD.substring(0, ConfigLoaderTest.GOOD.indexOf("lake:\n")) + lake;
        Files.writeString(dir.resolve("sources/fleet.yaml"), source);

        LoadedConfig config = new ConfigLoader(SourceConnectors.discover(),
                Variables.of(Map.of("CATALOG_USER", "hub", "CATALOG_PASSWORD", "secret"))).load(dir);

        assertThat(config.problems().sorted()).isEmpty();
        LakeTable table = LakeTables.of(config.sources().get(0)).orElseThrow();
        assertThat(table.format()).isInstanceOf(TableFormat.Iceberg.class);
        assertThat(table.partitionBy().fields())
                .containsExactly(new PartitionField.Hour(), new PartitionField.DeviceBucket(16));
    }
}
