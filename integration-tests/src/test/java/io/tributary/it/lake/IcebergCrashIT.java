package io.tributary.it.lake;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.lake.EnvelopeColumns;
import io.tributary.lake.iceberg.IcebergCatalogSettings;
import io.tributary.lake.iceberg.IcebergCatalogs;
import io.tributary.lake.iceberg.SummaryOffsets;
import io.tributary.testkit.HubProcess;
import io.tributary.testkit.Lake;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.jdbc.JdbcCatalog;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exactly-once into an Iceberg table under crashes: a lake sink process is SIGKILLed 20 times at
 * random moments while 100,000 records flow, with rolls every 2,000-5,000 records or 300 ms so
 * kills land mid-write, mid-publish and mid-commit; then it runs to the end. Iceberg's own reader,
 * and DuckDB over the data files of the table's current snapshot, must each see every record once.
 */
class IcebergCrashIT extends LakeKafka {

    static final int RECORDS = 100_000;
    static final int KILLS = 20;
    static final int PARTITIONS = 4;

    @TempDir
    Path work;

    @Test
    void everyRecordIsInTheTableExactlyOnceThroughTwentyKills() throws Exception {
        String topic = "iceberg-crash.in";
        String table = "iceberg_crash";
        createTopics(topic, PARTITIONS);
        Path lake = work.resolve("lake");
        long seed = System.nanoTime();
        Random random = new Random(seed);
        Map<String, String> consumer = Map.of("group.instance.id", "iceberg-crash-sink");
        List<String> kills = new ArrayList<>();
        long started = System.nanoTime();
        try (SteadyProducer producer = SteadyProducer.start(kafka.bootstrapServers(), topic, RECORDS, 2_500)) {
            for (int run = 1; run <= KILLS; run++) {
                long maxRecords = 2_000 + random.nextInt(3_001);
                try (HubProcess sink = IcebergSinkProcess.builder(kafka.bootstrapServers(), lake, table, topic,
                        maxRecords, Duration.ofMillis(300), consumer, work.resolve("sink-" + run + ".log")).start()) {
                    sink.waitForLog(LakeSinkProcess.RUNNING, Duration.ofSeconds(60));
                    producer.allow((long) RECORDS * run / (KILLS + 1));
                    long delay = 1_000 + random.nextInt(1_500);
                    TimeUnit.MILLISECONDS.sleep(delay);
                    assertThat(sink.kill9()).isEqualTo(HubProcess.EXIT_SIGKILL);
                    kills.add("SIGKILL after " + delay + " ms");
                }
            }
            assertThat(producer.acknowledged()).as("records still to flow after the last kill").isLessThan(RECORDS);
            try (HubProcess last = IcebergSinkProcess.builder(kafka.bootstrapServers(), lake, table, topic, 3_000,
                    Duration.ofMillis(300), consumer, work.resolve("sink-last.log")).start()) {
                last.waitForLog(LakeSinkProcess.RUNNING, Duration.ofSeconds(60));
                producer.finish(Duration.ofSeconds(120));
                awaitTableHolds(lake, table, topic);
                assertThat(last.stop()).isEqualTo(HubProcess.EXIT_SIGTERM);
                assertThat(last.log()).contains("lake sink stopped").doesNotContain("lake sink failed");
            }
        }

        Audit iceberg;
        Audit duckDb;
        try (JdbcCatalog catalog = catalog(lake)) {
            Table iceTable = catalog.loadTable(TableIdentifier.of(IcebergSinkProcess.NAMESPACE, table));
            iceberg = readWithIceberg(iceTable);
            duckDb = readWithDuckDb(iceTable);
        }
        System.out.printf("iceberg kill -9 runs=%d records=%d lost=%d duplicated=%d (Iceberg reader; DuckDB over"
                        + " the snapshot's files: lost=%d duplicated=%d; seed %d, %d s)%n",
                kills.size(), RECORDS, iceberg.lost(RECORDS), iceberg.duplicated(), duckDb.lost(RECORDS),
                duckDb.duplicated(), seed, TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started));
        assertThat(kills).hasSize(KILLS);
        for (Audit audit : List.of(iceberg, duckDb)) {
            assertThat(audit.lost(RECORDS)).as(audit.reader + ": records missing").isZero();
            assertThat(audit.duplicated()).as(audit.reader + ": Kafka records twice").isZero();
            assertThat(audit.rows).as(audit.reader + ": rows").isEqualTo(RECORDS);
        }
        try (Stream<Path> files = Files.walk(lake.resolve(table))) {
            assertThat(files.filter(f -> f.getFileName().toString().endsWith(".tmp")).toList())
                    .as("staging leftovers of the killed runs").isEmpty();
        }
    }

    private static JdbcCatalog catalog(Path lake) {
        return IcebergCatalogs.open(new IcebergCatalogSettings(null, null, null, IcebergSinkProcess.NAMESPACE), lake);
    }

    /** Waits until the table's snapshot summary holds every partition's end offset. */
    private static void awaitTableHolds(Path lake, String table, String topic) throws Exception {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (int p = 0; p < PARTITIONS; p++) {
            latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
        }
        Map<Integer, Long> end = new HashMap<>();
        admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS).forEach((tp, info) -> end.put(tp.partition(), info.offset()));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        try (JdbcCatalog catalog = catalog(lake)) {
            Table iceTable = catalog.loadTable(TableIdentifier.of(IcebergSinkProcess.NAMESPACE, table));
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

    /** Rows, distinct Kafka positions and distinct produced sequence numbers one reader saw. */
    private record Audit(String reader, long rows, long positions, long sequences) {
        long lost(long produced) {
            return produced - sequences;
        }

        long duplicated() {
            return rows - positions;
        }
    }

    private static Audit readWithIceberg(Table table) throws Exception {
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
        return new Audit("Iceberg generic reader", rows, positions.size(), sequences.size());
    }

    private static Audit readWithDuckDb(Table table) throws Exception {
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
            return new Audit("DuckDB over the snapshot's data files", ((Number) totals.get("n")).longValue(),
                    ((Number) totals.get("positions")).longValue(), ((Number) totals.get("sequences")).longValue());
        }
    }
}
