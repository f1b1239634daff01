package io.tributary.routes.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.lake.EnvelopeColumns;
import io.tributary.lake.LakeTable;
import io.tributary.lake.commit.RolledBatch;
import io.tributary.lake.commit.StagedDataFile;
import io.tributary.lake.file.FileNamer;
import io.tributary.lake.file.PartitionPathResolver;
import io.tributary.lake.iceberg.IcebergCatalogs;
import io.tributary.lake.iceberg.IcebergCommitter;
import io.tributary.lake.iceberg.IcebergSinks;
import io.tributary.lake.mapping.LakeSchema;
import io.tributary.lake.storage.PendingFile;
import io.tributary.lake.storage.StagedFile;
import io.tributary.lake.storage.local.LocalStorage;
import io.tributary.routes.config.ConfigLoader;
import io.tributary.routes.config.ConfigLoaderTest;
import io.tributary.routes.config.Variables;
import io.tributary.routes.runtime.LakeTables;
import io.tributary.connector.SourceConnectors;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.jdbc.JdbcCatalog;
import org.apache.kafka.common.TopicPartition;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetWriter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tributary compact} on a config directory: an Iceberg table in the embedded SQLite catalog, and a plain
 * Parquet table on local disk.
 */
class CompactCommandTest {

    /** An hour that ended long ago, so its partition is closed. */
    private static final long EVENT = Instant.parse("2026-01-05T08:15:00Z").toEpochMilli();

    @TempDir
    Path dir;
    private Path lake;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void config() throws Exception {
        lake = dir.resolve("lake");
        Files.createDirectories(dir.resolve("sources"));
        Files.writeString(dir.resolve("hub.yaml"), ConfigLoaderTest.HUB + "lake:\n  root: " + lake + "\n");
        Files.writeString(dir.resolve("sources/fleet.yaml"), ConfigLoaderTest.GOOD + "  format: iceberg\n  partitionBy: hour\n");
        Files.writeString(dir.resolve("sources/plain.yaml"), ConfigLoaderTest.GOOD.replace("name: fleet", "name: plain")
                .replace("telemetry.fleet", "telemetry.plain").replace("table: fleet", "table: plain"));
    }

    private int run(String... args) {
        var cli = TributaryCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    private LakeTable fleet() {
        return new ConfigLoader(SourceConnectors.discover(), Variables.of(java.util.Map.of())).load(dir).sources()
                .stream().map(LakeTables::of).flatMap(Optional::stream).filter(t -> t.name().equals("fleet"))
                .findFirst().orElseThrow();
    }

    /** Commits {@code batches} small files of 10 rows each, as the sink would. */
    private void commitSmallFiles(LakeTable table, int batches) throws Exception {
        LocalStorage storage = new LocalStorage(lake);
        Schema schema = LakeSchema.of(table);
        PartitionPathResolver folders = new PartitionPathResolver(table.partitionBy());
        try (IcebergCommitter committer = IcebergSinks.committer(table,
                ((io.tributary.lake.TableFormat.Iceberg) table.format()).catalog(), storage, null, null)) {
            TopicPartition partition = new TopicPartition(table.topic(), 0);
            committer.recover(List.of(partition));
            for (int batch = 0; batch < batches; batch++) {
                long first = batch * 10L;
                String folder = folders.resolve(EVENT);
                PendingFile pending = storage.create(table.name() + "/" + folder + "/"
                        + String.format(Locale.ROOT, "%s+0+%020d.parquet", table.topic(), first));
                ParquetWriter<GenericRecord> writer = writeTenRows(pending, schema, first);
                StagedFile staged = pending.stage();
                long bytes = Files.size(lake.resolve(staged.path()).resolveSibling(staged.token()));
                committer.stage(new RolledBatch(partition, first, first + 10, Optional.empty(),
                        List.of(new StagedDataFile(staged, folder, 10, bytes, writer.getFooter()))));
                assertThat(committer.commitStaged()).isTrue();
            }
        }
    }

    private static ParquetWriter<GenericRecord> writeTenRows(PendingFile pending, Schema schema, long first)
            throws java.io.IOException {
        return writeTenRows(pending.outputFile(), schema, first);
    }

    /** Ten rows of truck-1 at Kafka offsets {@code first} to {@code first + 9}; returns the closed writer (footer). */
    private static ParquetWriter<GenericRecord> writeTenRows(org.apache.parquet.io.OutputFile file, Schema schema,
                                                             long first) throws java.io.IOException {
        ParquetWriter<GenericRecord> writer = AvroParquetWriter.<GenericRecord>builder(file)
                .withConf(new PlainParquetConfiguration()).withDataModel(GenericData.get()).withSchema(schema).build();
        for (long offset = first; offset < first + 10; offset++) {
            GenericRecord row = new GenericData.Record(schema);
            row.put(EnvelopeColumns.DEVICE_ID, "truck-1");
            row.put(EnvelopeColumns.EVENT_TIME, EVENT);
            row.put(EnvelopeColumns.INGEST_TIME, EVENT);
            row.put(EnvelopeColumns.KAFKA_PARTITION, 0);
            row.put(EnvelopeColumns.KAFKA_OFFSET, offset);
            row.put("temp", 20.5);
            writer.write(row);
        }
        writer.close();
        return writer;
    }

    /** A file of 10 rows published in the table's folder by a commit that never happened (the hub was killed). */
    private Path publishedWithoutCommit(LakeTable table, long first, String attempt) throws Exception {
        LocalStorage storage = new LocalStorage(lake);
        PendingFile pending = storage.create(table.name() + "/" + new PartitionPathResolver(table.partitionBy())
                .resolve(EVENT) + "/" + FileNamer.attemptName(table.topic(), 0, first, attempt));
        writeTenRows(pending, LakeSchema.of(table), first);
        StagedFile staged = pending.stage();
        storage.publish(staged);
        return lake.resolve(staged.path());
    }

    @Test
    void removesTheOrphanFilesOlderThanTheAgeAfterCompactingAndExpiring() throws Exception {
        LakeTable table = fleet();
        commitSmallFiles(table, 3);
        Path killed = publishedWithoutCommit(table, 30, "killed");
        Files.setLastModifiedTime(killed, java.nio.file.attribute.FileTime.from(Instant.now().minus(java.time.Duration.ofDays(2))));
        Path inFlight = publishedWithoutCommit(table, 30, "inflight");

        assertThat(run("compact", "fleet", "--config", dir.toString(), "--expire-snapshots", "0s", "--remove-orphans", "1d"))
                .as(err.toString()).isZero();

        // compaction, expiry, then the orphans: 6 files, of which the current snapshot refers to the compacted one; the
        // 3 it replaced are in no snapshot once the appends expired, but too young to go, like the in-flight file
        assertThat(out.toString()).contains("fleet: 3 file(s) merged into 1 in 1 partition(s), 30 rows",
                "fleet: 3 snapshot(s) older than 0s expired", "fleet: deleted orphan file " + killed,
                "fleet: 6 data file(s) found, 1 referenced by a snapshot, 1 orphan(s) older than 1d deleted, 4 younger kept");
        assertThat(out.toString().indexOf("orphan(s)")).isGreaterThan(out.toString().indexOf("snapshot(s) older"));
        assertThat(killed).doesNotExist();
        assertThat(inFlight).exists();
        try (JdbcCatalog catalog = IcebergCatalogs.open(
                ((io.tributary.lake.TableFormat.Iceberg) table.format()).catalog(), lake)) {
            Table iceberg = catalog.loadTable(TableIdentifier.of("tributary", "fleet"));
            assertThat(iceberg.currentSnapshot().summary()).containsEntry("total-records", "30");
        }
    }

    @Test
    void refusesToRemoveOrphansOfAPlainParquetTable() {
        assertThat(run("compact", "plain", "--config", dir.toString(), "--remove-orphans", "1d")).isEqualTo(2);

        assertThat(err.toString()).contains("--remove-orphans applies to Iceberg tables", "'plain' is a plain Parquet table",
                "has no orphan files");
        assertThat(run("compact", "fleet", "--config", dir.toString(), "--remove-orphans", "soon")).isEqualTo(2);
    }

    @Test
    void mergesTheSmallFilesOfAnIcebergTablesClosedPartitions() throws Exception {
        LakeTable table = fleet();
        commitSmallFiles(table, 4);

        assertThat(run("compact", "fleet", "--config", dir.toString())).as(err.toString()).isZero();

        assertThat(out.toString()).contains("fleet: 4 file(s) merged into 1 in 1 partition(s), 40 rows");
        try (JdbcCatalog catalog = IcebergCatalogs.open(
                ((io.tributary.lake.TableFormat.Iceberg) table.format()).catalog(), lake)) {
            Table iceberg = catalog.loadTable(TableIdentifier.of("tributary", "fleet"));
            assertThat(iceberg.currentSnapshot().operation()).isEqualTo("replace");
            assertThat(iceberg.currentSnapshot().summary()).containsEntry("total-data-files", "1")
                    .containsEntry("total-records", "40");
        }
    }

    @Test
    void expiresTheSnapshotsBeforeTheCompactionWhenAsked() throws Exception {
        LakeTable table = fleet();
        commitSmallFiles(table, 3);

        assertThat(run("compact", "fleet", "--config", dir.toString(), "--expire-snapshots", "0s"))
                .as(err.toString()).isZero();

        // the 3 appends expire; the compaction's snapshot is current and stays, with the files it replaced
        assertThat(out.toString()).contains("fleet: 3 file(s) merged into 1 in 1 partition(s), 30 rows",
                "fleet: 3 snapshot(s) older than 0s expired");
        try (JdbcCatalog catalog = IcebergCatalogs.open(
                ((io.tributary.lake.TableFormat.Iceberg) table.format()).catalog(), lake)) {
            Table iceberg = catalog.loadTable(TableIdentifier.of("tributary", "fleet"));
            assertThat(iceberg.snapshots()).hasSize(1);
            assertThat(iceberg.currentSnapshot().operation()).isEqualTo("replace");
            assertThat(iceberg.currentSnapshot().summary()).containsEntry("total-records", "30");
        }
        assertThat(run("compact", "plain", "--config", dir.toString(), "--expire-snapshots", "7d")).isEqualTo(2);
        assertThat(err.toString()).contains("--expire-snapshots applies to Iceberg tables");
    }

    /** Writes {@code files} sink-named Parquet files of 10 rows each into a folder of the plain table. */
    private void writePlainFiles(String folder, int files) throws Exception {
        LakeTable table = new ConfigLoader(SourceConnectors.discover(), Variables.of(java.util.Map.of())).load(dir)
                .sources().stream().map(LakeTables::of).flatMap(Optional::stream).filter(t -> t.name().equals("plain"))
                .findFirst().orElseThrow();
        Schema schema = LakeSchema.of(table);
        Path target = Files.createDirectories(lake.resolve("plain").resolve(folder));
        for (int file = 0; file < files; file++) {
            long first = file * 10L;
            writeTenRows(new org.apache.parquet.io.LocalOutputFile(target.resolve(String.format(Locale.ROOT,
                    "%s+0+%020d.parquet", table.topic(), first))), schema, first);
        }
    }

    @Test
    void mergesTheSmallFilesOfAPlainParquetTablesClosedFoldersBySwappingThem() throws Exception {
        writePlainFiles("dt=2026-01-05/hour=08", 5);
        String openHour = java.time.format.DateTimeFormatter.ofPattern("'dt='uuuu-MM-dd'/hour='HH")
                .withZone(java.time.ZoneOffset.UTC).format(Instant.now());
        writePlainFiles(openHour, 2);

        assertThat(run("compact", "plain", "--config", dir.toString())).as(err.toString()).isZero();

        assertThat(out.toString()).contains("plain dt=2026-01-05/hour=08: 5 file(s) merged into 1, 50 rows; 1 file(s) now",
                "plain " + openHour + ": skipped, open: its time range ends at",
                "plain: 5 file(s) merged into 1 in 1 folder(s), 50 rows; 0 folder(s) had nothing to merge, 1 skipped");
        try (var files = Files.list(lake.resolve("plain/dt=2026-01-05/hour=08"))) {
            assertThat(files.map(f -> f.getFileName().toString()).toList()).singleElement().asString()
                    .startsWith("compacted-telemetry.plain+0+00000000000000000000-").endsWith(".parquet");
        }
    }

    @Test
    void refusesPlainParquetTablesInObjectStores() throws Exception {
        Files.writeString(dir.resolve("hub.yaml"), ConfigLoaderTest.HUB + "lake:\n  root: " + lake
                + "\n  storage:\n    type: s3\n    s3: { bucket: lake-bucket, region: eu-west-1 }\n");

        assertThat(run("compact", "plain", "--config", dir.toString())).as(out.toString()).isEqualTo(2);

        assertThat(err.toString()).contains("'plain' is a plain Parquet table in s3://lake-bucket/",
                "object stores cannot replace several files atomically", "compacted on local storage only");
    }

    @Test
    void refusesUnknownTablesAndBadSizes() {
        assertThat(run("compact", "nosuch", "--config", dir.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("no source", "writes lake table 'nosuch'", "[fleet, plain]");
        assertThat(run("compact", "fleet", "--config", dir.toString(), "--target-size", "huge")).isEqualTo(2);
        assertThat(err.toString()).contains("compact: ");
    }
}
