package io.tributary.lake.iceberg;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.lake.Partitioning;
import io.tributary.lake.commit.RolledBatch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Iceberg committer against a real JDBC catalog and Iceberg's own reader, without Kafka; each
 * subclass supplies the catalog database.
 */
abstract class IcebergCommitterContract {

    private static final long EVENT = Instant.parse("2026-11-21T08:15:00Z").toEpochMilli();
    private static final TopicPartition P0 = new TopicPartition(IcebergFixture.TOPIC, 0);
    private static final TopicPartition P1 = new TopicPartition(IcebergFixture.TOPIC, 1);

    @TempDir
    Path lake;
    private IcebergFixture fixture;

    /** A fresh, empty catalog for one test. */
    abstract IcebergCatalogSettings catalog(Path lake) throws Exception;

    @BeforeEach
    void openCatalog() throws Exception {
        fixture = new IcebergFixture(lake, "fleet", Partitioning.parse(List.of("hour", "bucket(4, device_id)")),
                catalog(lake));
    }

    @AfterEach
    void closeCatalog() throws Exception {
        fixture.close();
    }

    private static List<Long> range(long from, long to) {
        return LongStream.range(from, to).boxed().toList();
    }

    @Test
    void appendsBatchesInOneSnapshotWithTheirOffsetsAndResumesFromThem() throws Exception {
        Table table = fixture.table();
        IcebergCommitter committer = fixture.committer(table);
        assertThat(committer.recover(List.of(P0, P1))).isEmpty();

        committer.stage(fixture.batch(0, 0, 3, EVENT, "truck-1"));
        committer.stage(fixture.batch(1, 0, 2, EVENT, "truck-2"));
        committer.stage(fixture.batch(0, 3, 4, EVENT + 3_600_000L, "truck-1"));
        assertThat(committer.commitStaged()).isTrue();

        table.refresh();
        Snapshot snapshot = table.currentSnapshot();
        assertThat(snapshot.summary()).containsEntry(SummaryOffsets.OFFSETS, "{\"0\":7,\"1\":2}")
                .containsEntry(SummaryOffsets.TOPIC, IcebergFixture.TOPIC)
                .containsKey(SummaryOffsets.COMMIT_ID)
                .containsEntry("added-data-files", "3");
        assertThat(IcebergFixture.offsetsRead(table)).isEqualTo(Map.of(0, range(0, 7), 1, range(0, 2)));

        IcebergCommitter restarted = fixture.committer(fixture.table());
        assertThat(restarted.recover(List.of(P0, P1))).isEqualTo(Map.of(P0, 7L, P1, 2L));
    }

    @Test
    void recordsPartitionTuplesAndColumnMetricsSoScansPrune() throws Exception {
        Table table = fixture.table();
        IcebergCommitter committer = fixture.committer(table);
        committer.recover(List.of(P0));
        committer.stage(fixture.batch(0, 0, 5, EVENT, "truck-1"));
        committer.stage(fixture.batch(0, 5, 5, EVENT + 2 * 3_600_000L, "truck-1"));
        assertThat(committer.commitStaged()).isTrue();

        table.refresh();
        int bucket = org.apache.iceberg.transforms.Transforms.bucket(4)
                .bind(org.apache.iceberg.types.Types.StringType.get()).apply("truck-1");
        try (CloseableIterable<FileScanTask> tasks = table.newScan()
                .filter(Expressions.greaterThanOrEqual("kafka_offset", 5L)).planFiles()) {
            List<DataFile> files = java.util.stream.StreamSupport.stream(tasks.spliterator(), false)
                    .map(FileScanTask::file).toList();
            assertThat(files).hasSize(1);
            DataFile file = files.get(0);
            assertThat(file.recordCount()).isEqualTo(5);
            assertThat(file.partition().get(0, Integer.class)).isEqualTo((int) (EVENT / 3_600_000L) + 2);
            assertThat(file.partition().get(1, Integer.class)).isEqualTo(bucket);
            assertThat(Files.exists(Path.of(java.net.URI.create(file.location())))).isTrue();
        }
        try (CloseableIterable<FileScanTask> tasks = table.newScan()
                .filter(Expressions.equal("device_id", "someone-else")).planFiles()) {
            // the device column's bounds (read from the footer through the name mapping) exclude both files
            long matching = java.util.stream.StreamSupport.stream(tasks.spliterator(), false).count();
            assertThat(matching).isZero();
        }
    }

    @Test
    void fencesAZombieThatCommitsAfterTheNewOwner() throws Exception {
        IcebergCommitter owner = fixture.committer(fixture.table());
        IcebergCommitter zombie = fixture.committer(fixture.table());
        owner.recover(List.of(P0));
        zombie.recover(List.of(P0));
        owner.stage(fixture.batch(0, 0, 10, EVENT, "truck-1"));
        assertThat(owner.commitStaged()).isTrue();

        RolledBatch stale = fixture.batch(0, 0, 4, EVENT, "truck-9");
        zombie.stage(stale);

        assertThat(zombie.commitStaged()).isFalse();
        assertThat(IcebergFixture.offsetsRead(fixture.table())).isEqualTo(Map.of(0, range(0, 10)));
        assertThat(IcebergFixture.summaryOffsets(fixture.table())).isEqualTo(Map.of(0, 10L));
        // the refused batch's bytes are gone, and nothing was published for it
        assertThat(fixture.stagedBytes(stale.files().get(0).file())).doesNotExist();
        // after re-recovering, the former zombie continues from the table's offset
        assertThat(zombie.recover(List.of(P0))).isEqualTo(Map.of(P0, 10L));
        zombie.stage(fixture.batch(0, 10, 2, EVENT, "truck-1"));
        assertThat(zombie.commitStaged()).isTrue();
        assertThat(IcebergFixture.offsetsRead(fixture.table())).isEqualTo(Map.of(0, range(0, 12)));
    }

    @Test
    void refusesABatchThatOverlapsCommittedOffsets() throws Exception {
        IcebergCommitter committer = fixture.committer(fixture.table());
        committer.recover(List.of(P0));
        committer.stage(fixture.batch(0, 0, 10, EVENT, "truck-1"));
        assertThat(committer.commitStaged()).isTrue();

        committer.stage(fixture.batch(0, 5, 10, EVENT, "truck-1"));

        assertThat(committer.commitStaged()).isFalse();
        assertThat(IcebergFixture.offsetsRead(fixture.table())).isEqualTo(Map.of(0, range(0, 10)));
    }

    @Test
    void membersOwningDifferentPartitionsKeepEachOthersOffsets() throws Exception {
        IcebergCommitter first = fixture.committer(fixture.table());
        IcebergCommitter second = fixture.committer(fixture.table());
        first.recover(List.of(P0));
        second.recover(List.of(P1));

        for (int round = 0; round < 3; round++) {
            first.stage(fixture.batch(0, round * 5L, 5, EVENT, "truck-1"));
            second.stage(fixture.batch(1, round * 3L, 3, EVENT, "truck-2"));
            // each commits on a table view the other's commit made stale: the re-check must merge, not overwrite
            assertThat(first.commitStaged()).isTrue();
            assertThat(second.commitStaged()).isTrue();
        }

        assertThat(IcebergFixture.summaryOffsets(fixture.table())).isEqualTo(Map.of(0, 15L, 1, 9L));
        assertThat(IcebergFixture.offsetsRead(fixture.table())).isEqualTo(Map.of(0, range(0, 15), 1, range(0, 9)));
    }

    @Test
    void discardsStagingLeftoversOfAssignedPartitionsOnRecovery() throws Exception {
        IcebergCommitter crashed = fixture.committer(fixture.table());
        crashed.recover(List.of(P0, P1));
        RolledBatch mine = fixture.batch(0, 0, 3, EVENT, "truck-1");
        RolledBatch others = fixture.batch(1, 0, 3, EVENT, "truck-2");

        fixture.committer(fixture.table()).recover(List.of(P0));

        assertThat(fixture.stagedBytes(mine.files().get(0).file())).doesNotExist();
        assertThat(fixture.stagedBytes(others.files().get(0).file())).exists();
    }
}
