package io.tributary.it.lake;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.lake.EnvelopeColumns;
import io.tributary.lake.iceberg.IcebergCatalogSettings;
import io.tributary.lake.iceberg.IcebergCatalogs;
import io.tributary.lake.iceberg.SummaryOffsets;
import io.tributary.testkit.Lake;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.jdbc.JdbcCatalog;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

/**
 * What one reader sees in an Iceberg lake table after a process test: rows, distinct Kafka
 * positions and distinct produced sequence numbers. Iceberg's generic reader reads through the
 * catalog; DuckDB reads the data files the current snapshot lists.
 */
record IcebergAudit(String reader, long rows, long positions, long sequences) {

    long lost(long produced) {
        return produced - sequences;
    }

    long duplicated() {
        return rows - positions;
    }

    static JdbcCatalog catalog(Path lake) {
        return IcebergCatalogs.open(new IcebergCatalogSettings(null, null, null, LakeSinkProcess.ICEBERG_NAMESPACE), lake);
    }

    /** Waits until the snapshot summary of a {@link LakeSinkProcess} table holds every partition's end offset. */
    static void awaitTableHolds(Path lake, String table, String topic, int partitions) throws Exception {
        awaitTableHolds(lake, TableIdentifier.of(LakeSinkProcess.ICEBERG_NAMESPACE, table), topic, partitions);
    }

    /** Waits until the table's snapshot summary holds every partition's end offset. */
    static void awaitTableHolds(Path lake, TableIdentifier table, String topic, int partitions) throws Exception {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (int p = 0; p < partitions; p++) {
            latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
        }
        Map<Integer, Long> end = new HashMap<>();
        LakeKafka.admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS).forEach((tp, info) -> end.put(tp.partition(), info.offset()));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        try (JdbcCatalog catalog = catalog(lake)) {
            Table iceTable = catalog.loadTable(table);
            Map<Integer, Long> held = Map.of();
            while (!held.equals(end)) {
                assertThat(System.nanoTime()).as("table %s holds end offsets %s; has %s", table, end, held)
                        .isLessThan(deadline);
                Thread.sleep(250);
                iceTable.refresh();
                held = SummaryOffsets.latest(iceTable.currentSnapshot(), iceTable::snapshot, topic);
            }
        }
    }

    static IcebergAudit readWithIceberg(Table table) throws Exception {
        long rows = 0;
        Set<String> positions = new HashSet<>();
        Set<Long> sequences = new HashSet<>();
        try (CloseableIterable<org.apache.iceberg.data.Record> records = IcebergGenerics.read(table).build()) {
            for (org.apache.iceberg.data.Record row : records) {
                rows++;
                positions.add(row.getField(EnvelopeColumns.KAFKA_PARTITION) + "@" + row.getField(EnvelopeColumns.KAFKA_OFFSET));
                sequences.add((Long) row.getField("seq"));
            }
        }
        return new IcebergAudit("Iceberg generic reader", rows, positions.size(), sequences.size());
    }

    /** DuckDB over every Parquet file in the table's folders, {@code <table>/**}{@code /*.parquet}, as a glob reader sees it. */
    static IcebergAudit readWithDuckDbGlob(Path tableFolder) throws Exception {
        try (Lake duckDb = Lake.open()) {
            Map<String, Object> totals = duckDb.query("SELECT count(*) AS n,"
                    + " count(DISTINCT (kafka_partition, kafka_offset)) AS positions,"
                    + " count(DISTINCT seq) AS sequences FROM read_parquet('"
                    + tableFolder.toString().replace("'", "''") + "/**/*.parquet')").get(0);
            return new IcebergAudit("DuckDB over <table>/**/*.parquet", ((Number) totals.get("n")).longValue(),
                    ((Number) totals.get("positions")).longValue(), ((Number) totals.get("sequences")).longValue());
        }
    }

    static IcebergAudit readWithDuckDb(Table table) throws Exception {
        List<String> paths = new ArrayList<>();
        try (CloseableIterable<FileScanTask> tasks = table.newScan().planFiles()) {
            for (FileScanTask task : tasks) {
                paths.add("'" + Path.of(URI.create(task.file().location())).toString().replace("'", "''") + "'");
            }
        }
        try (Lake duckDb = Lake.open()) {
            Map<String, Object> totals = duckDb.query("SELECT count(*) AS n,"
                    + " count(DISTINCT (kafka_partition, kafka_offset)) AS positions,"
                    + " count(DISTINCT seq) AS sequences FROM read_parquet([" + String.join(", ", paths) + "])").get(0);
            return new IcebergAudit("DuckDB over the snapshot's data files", ((Number) totals.get("n")).longValue(),
                    ((Number) totals.get("positions")).longValue(), ((Number) totals.get("sequences")).longValue());
        }
    }
}
