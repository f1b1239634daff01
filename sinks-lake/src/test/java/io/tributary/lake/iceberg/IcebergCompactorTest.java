package io.tributary.lake.iceberg;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.lake.Partitioning;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Compaction as an Iceberg rewrite, on the embedded SQLite catalog. */
class IcebergCompactorTest {

    private static final long CLOSED_HOUR = Instant.parse("2026-11-21T08:15:00Z").toEpochMilli();
    private static final long OPEN_HOUR = Instant.parse("2026-11-21T10:15:00Z").toEpochMilli();
    /** "Now" for the compactor: 08:00-09:00 has ended, 10:00-11:00 has not. */
    private static final Instant NOW = Instant.parse("2026-11-21T10:30:00Z");
    private static final TopicPartition P0 = new TopicPartition(IcebergFixture.TOPIC, 0);

    @TempDir
    Path lake;
    private IcebergFixture fixture;

    @BeforeEach
    void openCatalog() {
        fixture = new IcebergFixture(lake, "compacted", Partitioning.parse(List.of("hour", "bucket(2, device_id)")),
                IcebergCatalogSettings.embedded(lake, "tributary"));
    }

    @AfterEach
    void closeCatalog() throws Exception {
        fixture.close();
    }

    private static List<String> dataFiles(Table table) throws Exception {
        table.refresh();
        List<String> files = new ArrayList<>();
        try (CloseableIterable<FileScanTask> tasks = table.newScan().planFiles()) {
            for (FileScanTask task : tasks) {
                files.add(task.file().location());
            }
        }
        return files;
    }

    /** The rows DuckDB reads from the table's current data files: (partition, offset) pairs in file order. */
    private static List<Long> offsetsReadByDuckDb(Table table) throws Exception {
        List<String> paths = dataFiles(table).stream()
                .map(location -> "'" + Path.of(URI.create(location)) + "'").toList();
        List<Long> offsets = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT kafka_offset FROM read_parquet(["
                     + String.join(", ", paths) + "]) ORDER BY kafka_offset")) {
            while (rows.next()) {
                offsets.add(rows.getLong(1));
            }
        }
        return offsets;
    }

    /**
     * Iceberg deletes a replaced file when the snapshot that replaced it expires (the table spec's rule), so the files
     * a compaction replaced go with the first expiry after a newer snapshot, here the sink's next commit, exists.
     */
    @Test
    void expiringTheSnapshotsUpToACompactionDeletesTheFilesItReplacedAndKeepsEveryRowAndTheOffsets() throws Exception {
        Table table = fixture.table();
        IcebergCommitter sink = fixture.committer(table);
        sink.recover(List.of(P0));
        for (int batch = 0; batch < 4; batch++) {
            sink.stage(fixture.batch(0, batch * 25L, 25, CLOSED_HOUR, "truck-1"));
            assertThat(sink.commitStaged()).isTrue();
        }
        List<String> replaced = dataFiles(table);
        new IcebergCompactor(table).compact(null, 128L << 20, NOW);
        sink.stage(fixture.batch(0, 100L, 25, OPEN_HOUR, "truck-1"));
        assertThat(sink.commitStaged()).isTrue();
        table.refresh();
        String offsets = table.currentSnapshot().summary().get(SummaryOffsets.OFFSETS);
        long current = table.currentSnapshot().snapshotId();

        IcebergSnapshotExpiry.Result result = new IcebergSnapshotExpiry(table)
                .expireOlderThan(Instant.ofEpochMilli(table.currentSnapshot().timestampMillis() + 1));

        // the 4 appends and the compaction's rewrite; the sink's last commit is current and stays
        assertThat(result.snapshotsExpired()).isEqualTo(5);
        assertThat(result.filesDeleted()).as("the replaced data files plus expired manifests and lists")
                .isGreaterThan(replaced.size());
        assertThat(replaced).hasSize(4).allSatisfy(location ->
                assertThat(Path.of(URI.create(location))).as("replaced data file").doesNotExist());
        table.refresh();
        assertThat(table.snapshots()).singleElement()
                .satisfies(snapshot -> assertThat(snapshot.snapshotId()).isEqualTo(current));
        assertThat(table.currentSnapshot().summary().get(SummaryOffsets.OFFSETS)).isEqualTo(offsets);
        List<Long> all = LongStream.range(0, 125).boxed().toList();
        assertThat(IcebergFixture.offsetsRead(table)).isEqualTo(Map.of(0, all));
        assertThat(offsetsReadByDuckDb(table)).isEqualTo(all);
        // and the sink goes on committing on top of the expired history
        sink.stage(fixture.batch(0, 125L, 25, OPEN_HOUR, "truck-1"));
        assertThat(sink.commitStaged()).isTrue();
        assertThat(IcebergFixture.offsetsRead(table).get(0)).hasSize(150);
    }

    @Test
    void mergesTheSmallFilesOfAClosedPartitionInOneRewriteCarryingTheOffsetsOver() throws Exception {
        Table table = fixture.table();
        IcebergCommitter sink = fixture.committer(table);
        sink.recover(List.of(P0));
        for (int batch = 0; batch < 5; batch++) {
            sink.stage(fixture.batch(0, batch * 20L, 20, CLOSED_HOUR, "truck-1"));
            assertThat(sink.commitStaged()).isTrue();
        }
        for (int batch = 5; batch < 7; batch++) {
            sink.stage(fixture.batch(0, batch * 20L, 20, OPEN_HOUR, "truck-1"));
            assertThat(sink.commitStaged()).isTrue();
        }
        table.refresh();
        Snapshot before = table.currentSnapshot();
        List<String> filesBefore = dataFiles(table);
        assertThat(filesBefore).hasSize(7);

        IcebergCompactor.Result result = new IcebergCompactor(table).compact(null, 128L << 20, NOW);

        assertThat(result).isEqualTo(new IcebergCompactor.Result(1, 5, 1, 100));
        table.refresh();
        Snapshot after = table.currentSnapshot();
        assertThat(after.operation()).isEqualTo("replace");
        assertThat(after.parentId()).isEqualTo(before.snapshotId());
        assertThat(after.summary().get(SummaryOffsets.OFFSETS)).isEqualTo(before.summary().get(SummaryOffsets.OFFSETS));
        assertThat(after.summary().get(SummaryOffsets.COMMIT_ID)).isNotEqualTo(before.summary().get(SummaryOffsets.COMMIT_ID));
        List<String> filesAfter = dataFiles(table);
        assertThat(filesAfter).hasSize(3);
        // the open hour's two files are untouched
        assertThat(filesAfter.stream().filter(filesBefore::contains).toList()).hasSize(2)
                .allMatch(location -> location.contains("hour=10"));
        List<Long> all = LongStream.range(0, 140).boxed().toList();
        assertThat(IcebergFixture.offsetsRead(table)).isEqualTo(Map.of(0, all));
        assertThat(offsetsReadByDuckDb(table)).isEqualTo(all);
        // the merged file keeps the columns' metrics: a scan for offsets 20-39 finds only it
        try (CloseableIterable<FileScanTask> tasks = table.newScan()
                .filter(org.apache.iceberg.expressions.Expressions.lessThan("kafka_offset", 40L)).planFiles()) {
            List<DataFile> matching = new ArrayList<>();
            tasks.forEach(task -> matching.add(task.file()));
            assertThat(matching).singleElement().satisfies(file -> assertThat(file.recordCount()).isEqualTo(100));
        }
    }

    @Test
    void theSinkKeepsCommittingAfterACompactionWithoutBeingFenced() throws Exception {
        Table table = fixture.table();
        IcebergCommitter sink = fixture.committer(table);
        sink.recover(List.of(P0));
        for (int batch = 0; batch < 3; batch++) {
            sink.stage(fixture.batch(0, batch * 10L, 10, CLOSED_HOUR, "truck-2"));
            assertThat(sink.commitStaged()).isTrue();
        }

        assertThat(new IcebergCompactor(fixture.table()).compact("dt=2026-11-21/hour=08", 128L << 20, NOW).filesRemoved())
                .isEqualTo(3);
        sink.stage(fixture.batch(0, 30, 10, OPEN_HOUR, "truck-2"));

        assertThat(sink.commitStaged()).isTrue();
        assertThat(IcebergFixture.offsetsRead(fixture.table())).isEqualTo(Map.of(0, LongStream.range(0, 40).boxed().toList()));
        assertThat(IcebergFixture.summaryOffsets(fixture.table())).isEqualTo(Map.of(0, 40L));
    }

    @Test
    void leavesOpenPartitionsOtherFoldersAndLargeFilesAlone() throws Exception {
        Table table = fixture.table();
        IcebergCommitter sink = fixture.committer(table);
        sink.recover(List.of(P0));
        for (int batch = 0; batch < 3; batch++) {
            sink.stage(fixture.batch(0, batch * 10L, 10, OPEN_HOUR, "truck-3"));
            assertThat(sink.commitStaged()).isTrue();
        }
        table.refresh();
        long snapshot = table.currentSnapshot().snapshotId();

        IcebergCompactor compactor = new IcebergCompactor(table);
        assertThat(compactor.compact(null, 128L << 20, NOW).filesRemoved()).as("open hour").isZero();
        assertThat(compactor.compact("dt=2026-11-21/hour=08", 128L << 20, NOW.plusSeconds(7200)).filesRemoved())
                .as("another folder").isZero();
        assertThat(compactor.compact(null, 10, NOW.plusSeconds(7200)).filesRemoved()).as("files above the target").isZero();
        table.refresh();
        assertThat(table.currentSnapshot().snapshotId()).isEqualTo(snapshot);
    }
}
