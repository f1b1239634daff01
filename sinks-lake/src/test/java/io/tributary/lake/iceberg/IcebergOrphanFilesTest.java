package io.tributary.lake.iceberg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.lake.Partitioning;
import io.tributary.lake.commit.RolledBatch;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Table;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Removing the data files no snapshot refers to, on the embedded SQLite catalog. */
class IcebergOrphanFilesTest {

    private static final long CLOSED_HOUR = Instant.parse("2026-11-21T08:15:00Z").toEpochMilli();
    private static final long OPEN_HOUR = Instant.parse("2026-11-21T10:15:00Z").toEpochMilli();
    /** "Now" for the compactor: 08:00-09:00 has ended. */
    private static final Instant COMPACTION_NOW = Instant.parse("2026-11-21T10:30:00Z");
    private static final TopicPartition P0 = new TopicPartition(IcebergFixture.TOPIC, 0);
    private static final Duration AGE = Duration.ofDays(1);
    private static final FileTime TWO_DAYS_AGO = FileTime.from(Instant.now().minus(Duration.ofDays(2)));

    @TempDir
    Path lake;
    private IcebergFixture fixture;
    private Table table;
    private IcebergCommitter sink;

    @BeforeEach
    void openCatalog() throws Exception {
        fixture = new IcebergFixture(lake, "orphaned", Partitioning.parse(List.of("hour", "bucket(2, device_id)")),
                IcebergCatalogSettings.embedded(lake, "tributary"));
        table = fixture.table();
        sink = fixture.committer(table);
        sink.recover(List.of(P0));
    }

    @AfterEach
    void closeCatalog() throws Exception {
        fixture.close();
    }

    private Path tableFolder() {
        return lake.resolve("orphaned");
    }

    private void commit(long first, long eventMillis, String attempt) throws Exception {
        sink.stage(fixture.attemptBatch(0, first, 25, eventMillis, "truck-1", attempt));
        assertThat(sink.commitStaged()).isTrue();
    }

    /** A file published by a commit that never happened (a hub killed after publishing, a refused zombie). */
    private Path publishedWithoutCommit(long first, long eventMillis, String attempt) throws Exception {
        RolledBatch batch = fixture.attemptBatch(0, first, 25, eventMillis, "truck-1", attempt);
        fixture.storage.publish(batch.files().get(0).file());
        return lake.resolve(batch.files().get(0).file().path());
    }

    private static void age(Path file) throws Exception {
        Files.setLastModifiedTime(file, TWO_DAYS_AGO);
    }

    private List<Path> everyFile() throws Exception {
        try (Stream<Path> files = Files.walk(tableFolder())) {
            return files.filter(Files::isRegularFile).sorted().toList();
        }
    }

    private IcebergOrphanFiles.Result removeOlderThanTheAge() throws Exception {
        return new IcebergOrphanFiles(table).removeOlderThan(Instant.now().minus(AGE));
    }

    private static List<Path> currentFiles(Table table) throws Exception {
        table.refresh();
        List<Path> files = new ArrayList<>();
        try (CloseableIterable<FileScanTask> tasks = table.newScan().planFiles()) {
            for (FileScanTask task : tasks) {
                files.add(Path.of(URI.create(task.file().location())));
            }
        }
        return files;
    }

    @Test
    void keepsTheFilesOfEverySnapshotAndDeletesOnlyUnreferencedOnesOlderThanTheAge() throws Exception {
        for (int batch = 0; batch < 3; batch++) {
            commit(batch * 25L, CLOSED_HOUR, "a" + batch);
        }
        Path interrupted = publishedWithoutCommit(75, CLOSED_HOUR, "killed");
        commit(75, CLOSED_HOUR, "retried");
        List<Path> replaced = currentFiles(table);
        // after the compaction, the 4 appended files are referenced by older snapshots only (time travel)
        assertThat(new IcebergCompactor(table).compact(null, 128L << 20, COMPACTION_NOW).filesRemoved()).isEqualTo(4);
        List<Path> compacted = currentFiles(table);
        for (Path file : everyFile()) {
            age(file);
        }
        Path inFlight = publishedWithoutCommit(100, OPEN_HOUR, "inflight");

        IcebergOrphanFiles.Result result = removeOlderThanTheAge();

        assertThat(result.filesFound()).isEqualTo(7);
        assertThat(result.referenced()).isEqualTo(5);
        assertThat(result.deleted()).containsExactly(interrupted);
        assertThat(result.orphansDeleted()).isEqualTo(1);
        assertThat(result.keptTooYoung()).isEqualTo(1);
        assertThat(interrupted).doesNotExist();
        assertThat(inFlight).exists();
        assertThat(replaced).hasSize(4).allSatisfy(file -> assertThat(file).exists());
        assertThat(compacted).singleElement().satisfies(file -> assertThat(file).exists());
        assertThat(IcebergFixture.offsetsRead(table)).isEqualTo(Map.of(0, LongStream.range(0, 100).boxed().toList()));
        // time travel to the snapshot before the compaction still reads its files
        table.refresh();
        long beforeCompaction = table.currentSnapshot().parentId();
        try (CloseableIterable<FileScanTask> tasks = table.newScan().useSnapshot(beforeCompaction).planFiles()) {
            List<Path> read = new ArrayList<>();
            tasks.forEach(task -> read.add(Path.of(URI.create(task.file().location()))));
            assertThat(read).containsExactlyInAnyOrderElementsOf(replaced);
        }
    }

    @Test
    void aGlobOverTheTableFolderReadsEachRowOnceAfterwards() throws Exception {
        for (int batch = 0; batch < 2; batch++) {
            commit(batch * 25L, CLOSED_HOUR, "a" + batch);
        }
        // a hub killed after publishing 50-74: its successor reads them again and commits them under its own name
        age(publishedWithoutCommit(50, CLOSED_HOUR, "killed"));
        commit(50, CLOSED_HOUR, "successor");
        // a refused zombie had published rows 0-24 again
        age(publishedWithoutCommit(0, OPEN_HOUR, "zombie"));
        commit(75, OPEN_HOUR, "a3");
        assertThat(globRows()).as("rows read by a glob before the removal").isEqualTo(new long[] {150, 100});

        IcebergOrphanFiles.Result result = removeOlderThanTheAge();

        assertThat(result.orphansDeleted()).isEqualTo(2);
        assertThat(result.referenced()).isEqualTo(4);
        assertThat(globRows()).as("rows and distinct (partition, offset) read by a glob").isEqualTo(new long[] {100, 100});
        assertThat(IcebergFixture.offsetsRead(table)).isEqualTo(Map.of(0, LongStream.range(0, 100).boxed().toList()));
    }

    /** DuckDB over {@code <table>/**}{@code /*.parquet}: rows, and distinct (partition, offset) pairs. */
    private long[] globRows() throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT count(*), count(DISTINCT (kafka_partition, kafka_offset))"
                     + " FROM read_parquet('" + tableFolder() + "/**/*.parquet')")) {
            rows.next();
            return new long[] {rows.getLong(1), rows.getLong(2)};
        }
    }

    @Test
    void leavesMetadataHiddenAndNonParquetFilesAlone() throws Exception {
        commit(0, CLOSED_HOUR, "a0");
        Path committed = currentFiles(table).get(0);
        Path folder = committed.getParent();
        // a batch staged and never published: its hidden staging file
        RolledBatch staged = fixture.attemptBatch(0, 25, 25, CLOSED_HOUR, "truck-1", "staged");
        Path stagingFile = fixture.stagedBytes(staged.files().get(0).file());
        Path inMetadata = Files.copy(committed, tableFolder().resolve("metadata/copy.parquet"));
        Path inTributary = Files.copy(committed, Files.createDirectories(tableFolder().resolve("_tributary"))
                .resolve("copy.parquet"));
        Path notParquet = Files.writeString(folder.resolve("notes.txt"), "not data");
        Path hiddenParquet = Files.copy(committed, folder.resolve(".hidden.parquet"));
        List<Path> before = everyFile();
        for (Path file : before) {
            age(file);
        }
        assertThat(before).contains(stagingFile, inMetadata, inTributary, notParquet, hiddenParquet);

        IcebergOrphanFiles.Result result = removeOlderThanTheAge();

        assertThat(result).isEqualTo(new IcebergOrphanFiles.Result(1, 1, List.of(), 0));
        assertThat(everyFile()).isEqualTo(before);
    }

    @Test
    void refusesWhenAReferencedFileIsNotOnDiskSinceTheLocationsMayNameOtherPaths() throws Exception {
        commit(0, CLOSED_HOUR, "a0");
        commit(25, CLOSED_HOUR, "a1");
        Path orphan = publishedWithoutCommit(50, CLOSED_HOUR, "killed");
        age(orphan);
        Files.delete(currentFiles(table).get(0));

        assertThatThrownBy(this::removeOlderThanTheAge).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("which is not on disk").hasMessageContaining("not removing orphan files");
        assertThat(orphan).exists();
    }

    @Test
    void readsLocalLocationsInEveryForm() {
        Path expected = Path.of("/lake/t/dt=2026-11-21/a b+1.parquet");
        assertThat(IcebergOrphanFiles.localPath("file:/lake/t/dt=2026-11-21/a%20b+1.parquet")).isEqualTo(expected);
        assertThat(IcebergOrphanFiles.localPath("file:///lake/t/dt=2026-11-21/a%20b+1.parquet")).isEqualTo(expected);
        assertThat(IcebergOrphanFiles.localPath("file:///lake/t/dt=2026-11-21/a b+1.parquet")).isEqualTo(expected);
        assertThat(IcebergOrphanFiles.localPath("file:/lake/t/./dt=2026-11-21/a b+1.parquet")).isEqualTo(expected);
        assertThat(IcebergOrphanFiles.localPath("/lake/t/dt=2026-11-21/a b+1.parquet")).isEqualTo(expected);
        assertThatThrownBy(() -> IcebergOrphanFiles.localPath("s3://bucket/t/x.parquet"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a local file location");
    }
}
