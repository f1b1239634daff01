package io.tributary.it.lake;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.lake.iceberg.IcebergCatalogSettings;
import io.tributary.lake.iceberg.IcebergOrphanFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.jdbc.JdbcCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exactly-once into an Iceberg table under crashes of the whole hub ({@link HubKillLoop}: 20 kills while 100,000
 * records flow, rolls every 2,000-5,000 records or 300 ms). The table is what a source file's {@code lake:} section
 * with {@code format: iceberg} makes: the embedded SQLite catalog under the lake root, the default namespace,
 * partitioned by the event hour and a bucket of the device. Every fourth run halts at one of the Iceberg
 * committer's points: batches staged and nothing published, data files published that no snapshot refers to yet,
 * or the snapshot committed and the group's offsets not (the restart must resume from the snapshot). Iceberg's own
 * reader, and DuckDB over the data files of the table's current snapshot, must each see every Kafka position of
 * the topic once and every record. Then an orphan removal deletes the files of the interrupted commits, after which
 * DuckDB over a glob of the table's folders reads every record once too.
 */
class IcebergCrashIT extends HubKillLoop {

    static final List<String> CRASH_POINTS =
            List.of("iceberg-before-commit", "iceberg-after-publish", "iceberg-after-commit");

    @TempDir
    Path work;

    @Test
    void everyRecordIsInTheTableExactlyOnceThroughTwentyHubKills() throws Exception {
        CrashTable table = new CrashTable("iceberg-crash", CRASH_POINTS, maxRecords -> "  format: iceberg\n"
                + "  partitionBy: [hour(event_time), bucket(4, device_id)]\n"
                + "  roll: { maxRecords: " + maxRecords + ", maxAge: 300ms }\n");
        Path lake = work.resolve("lake");
        TableIdentifier id = TableIdentifier.of(IcebergCatalogSettings.DEFAULT_NAMESPACE, table.table());
        Runs runs = killAndRestart(work, table, () -> IcebergAudit.awaitTableHolds(lake, id, table.topic(), PARTITIONS));

        IcebergAudit iceberg;
        IcebergAudit duckDb;
        String snapshotFiles;
        try (JdbcCatalog catalog = IcebergAudit.catalog(lake)) {
            Table iceTable = catalog.loadTable(id);
            assertThat(iceTable.spec().fields()).as("the table's partition spec").hasSize(2);
            iceberg = IcebergAudit.readWithIceberg(iceTable);
            duckDb = IcebergAudit.readWithDuckDb(iceTable);
            snapshotFiles = iceTable.currentSnapshot().summary().get("total-data-files");
        }
        long filesOnDisk;
        try (Stream<Path> files = Files.walk(lake.resolve(table.table()))) {
            filesOnDisk = files.filter(f -> f.getFileName().toString().endsWith(".parquet")).count();
        }
        // files a killed or halted run published but never committed stay on disk outside every snapshot, until
        // the orphan removal below
        System.out.printf("iceberg hub kill -9 runs=%d records=%d lost=%d duplicated=%d in %d s (Iceberg reader;"
                        + " DuckDB over the snapshot's files: rows=%d lost=%d duplicated=%d; data files: %s in the"
                        + " snapshot, %d on disk; seed %d; start to all partitions assigned, ms: %s)%n  kills: %s%n",
                runs.kills().size(), RECORDS, iceberg.lost(RECORDS), iceberg.duplicated(), runs.seconds(),
                duckDb.rows(), duckDb.lost(RECORDS), duckDb.duplicated(), snapshotFiles, filesOnDisk, runs.seed(),
                runs.toAssigned(), runs.kills());
        for (IcebergAudit audit : List.of(iceberg, duckDb)) {
            assertThat(audit.lost(RECORDS)).as(audit.reader() + ": records missing").isZero();
            assertThat(audit.duplicated()).as(audit.reader() + ": Kafka records twice").isZero();
            assertThat(audit.rows()).as(audit.reader() + ": rows").isEqualTo(RECORDS);
            assertThat(audit.positions()).as(audit.reader() + ": Kafka positions of the topic").isEqualTo(RECORDS);
        }
        try (Stream<Path> files = Files.walk(lake.resolve(table.table()))) {
            assertThat(files.filter(f -> f.getFileName().toString().endsWith(".tmp")).toList())
                    .as("staging leftovers of the killed runs").isEmpty();
        }
        assertThat(CrashRuns.sinkLogs(work)).as("a restart discarded a halted run's staged files")
                .contains("discarded staging leftover");
        removingTheOrphansLeavesAGlobReadingEachRecordOnce(lake.resolve(table.table()), lake, id,
                filesOnDisk - Long.parseLong(snapshotFiles));
    }

    /**
     * The published files of the killed and halted commits are in no snapshot, so a glob over the table's folders
     * reads their rows twice; with no hub running, an orphan removal with age 0 deletes exactly those.
     */
    private static void removingTheOrphansLeavesAGlobReadingEachRecordOnce(Path folder, Path lake, TableIdentifier id,
                                                                          long unreferenced) throws Exception {
        long started = System.nanoTime();
        IcebergAudit before = IcebergAudit.readWithDuckDbGlob(folder);
        IcebergOrphanFiles.Result removed;
        try (JdbcCatalog catalog = IcebergAudit.catalog(lake)) {
            removed = new IcebergOrphanFiles(catalog.loadTable(id)).removeOlderThan(Instant.now());
        }
        IcebergAudit after = IcebergAudit.readWithDuckDbGlob(folder);
        System.out.printf("iceberg orphans after the kills: %d data files on disk, %d referenced, %d deleted; DuckDB glob"
                        + " rows %d before, %d after (lost=%d duplicated=%d); %d ms with both globs%n", removed.filesFound(),
                removed.referenced(), removed.orphansDeleted(), before.rows(), after.rows(), after.lost(RECORDS),
                after.duplicated(), java.util.concurrent.TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        assertThat(removed.orphansDeleted()).as("files of killed commits, deleted").isPositive().isEqualTo(unreferenced);
        assertThat(removed.keptTooYoung()).isZero();
        assertThat(before.rows()).as("a glob before the removal reads the orphans' rows too").isGreaterThan(RECORDS);
        assertThat(after.rows()).as(after.reader() + ": rows").isEqualTo(RECORDS);
        assertThat(after.positions()).as(after.reader() + ": Kafka positions of the topic").isEqualTo(RECORDS);
        assertThat(after.lost(RECORDS)).as(after.reader() + ": records missing").isZero();
    }
}
