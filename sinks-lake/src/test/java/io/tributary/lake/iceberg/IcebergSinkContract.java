package io.tributary.lake.iceberg;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.lake.ColumnType;
import io.tributary.lake.EnvelopeColumns;
import io.tributary.lake.LakeColumn;
import io.tributary.lake.LakeSink;
import io.tributary.lake.LakeTable;
import io.tributary.lake.Partitioning;
import io.tributary.lake.RollPolicy;
import io.tributary.lake.TableFormat;
import io.tributary.lake.testing.KafkaFixture;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.jdbc.JdbcCatalog;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A lake sink writing an Iceberg table from a real KRaft broker; the table is read back with
 * Iceberg's generic reader and its data files (from the table's file list) with DuckDB. Each
 * subclass supplies the catalog database.
 */
abstract class IcebergSinkContract {

    private static final Instant FIRST_EVENT = Instant.parse("2026-11-21T06:30:00Z");
    private static final Duration WAIT = Duration.ofSeconds(60);

    @RegisterExtension
    static final KafkaFixture fixture = new KafkaFixture();

    @TempDir
    Path lake;

    /** A fresh catalog for one test. */
    abstract IcebergCatalogSettings catalog(Path lake) throws Exception;

    private LakeTable table(String name, String topic, RollPolicy roll, IcebergCatalogSettings catalog) {
        return new LakeTable(name, topic, topic + ".dlq",
                Partitioning.parse(List.of("hour(event_time)", "bucket(4, device_id)")),
                List.of(new LakeColumn("temp", ColumnType.DOUBLE, "/temp", true)),
                roll, "/ts", false, LakeTable.DEFAULT_MAX_OPEN_FILES, new TableFormat.Iceberg(catalog));
    }

    /** Sends {@code count} records from 40 devices over a few hours; returns "partition@offset" of each. */
    private static Set<String> produce(String topic, int from, int count) {
        Set<String> sent = ConcurrentHashMap.newKeySet();
        try (KafkaProducer<byte[], byte[]> producer = fixture.producer()) {
            for (int i = from; i < from + count; i++) {
                long ts = FIRST_EVENT.plusSeconds(5L * i).toEpochMilli();
                String payload = "{\"ts\": " + ts + ", \"temp\": " + (i % 50) + ".5}";
                producer.send(new ProducerRecord<>(topic, ("device-" + (i % 40)).getBytes(StandardCharsets.UTF_8),
                        payload.getBytes(StandardCharsets.UTF_8)), (metadata, e) -> {
                    assertThat(e).isNull();
                    sent.add(metadata.partition() + "@" + metadata.offset());
                });
            }
            producer.flush();
        }
        assertThat(sent).hasSize(count);
        return sent;
    }

    private static Table load(JdbcCatalog catalog, IcebergCatalogSettings settings, String name) {
        return catalog.loadTable(TableIdentifier.of(settings.namespace(), name));
    }

    /** Waits until the table's snapshot summary holds the topic's end offsets. */
    private void awaitTableCaughtUp(Table table, String topic, int partitions) throws Exception {
        Map<Integer, Long> end = new HashMap<>();
        fixture.endOffsets(topic, partitions).forEach((tp, offset) -> end.put(tp.partition(), offset));
        KafkaFixture.await(() -> {
            table.refresh();
            return SummaryOffsets.latest(table.currentSnapshot(), table::snapshot, topic).equals(end);
        }, WAIT, "table " + table.name() + " holds end offsets " + end);
    }

    /** Every row's "partition@offset" as Iceberg's generic reader returns it (a list: duplicates stay). */
    private static List<String> readWithIceberg(Table table) throws Exception {
        table.refresh();
        List<String> rows = new ArrayList<>();
        try (CloseableIterable<org.apache.iceberg.data.Record> records = IcebergGenerics.read(table).build()) {
            for (org.apache.iceberg.data.Record row : records) {
                rows.add(row.getField(EnvelopeColumns.KAFKA_PARTITION) + "@" + row.getField(EnvelopeColumns.KAFKA_OFFSET));
            }
        }
        return rows;
    }

    /** The same, read by DuckDB from the data files the table's current snapshot lists. */
    private static List<String> readDataFilesWithDuckDb(Table table) throws Exception {
        table.refresh();
        List<String> paths = new ArrayList<>();
        try (CloseableIterable<FileScanTask> tasks = table.newScan().planFiles()) {
            for (FileScanTask task : tasks) {
                paths.add("'" + Path.of(URI.create(task.file().location())).toString().replace("'", "''") + "'");
            }
        }
        List<String> rows = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
             Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT kafka_partition, kafka_offset FROM read_parquet(["
                     + String.join(", ", paths) + "], hive_partitioning = false)")) {
            while (result.next()) {
                rows.add(result.getInt(1) + "@" + result.getLong(2));
            }
        }
        return rows;
    }

    private static void assertExactlyOnce(List<String> rows, Set<String> sent, String reader) {
        assertThat(rows).as(reader + " rows").hasSize(sent.size());
        assertThat(new HashSet<>(rows)).as(reader + " (partition, offset) pairs").isEqualTo(sent);
    }

    @Test
    void landsEveryRecordExactlyOnceReadableByIcebergAndByDuckDb() throws Exception {
        String topic = "iceberg-exactly-once";
        fixture.createTopic(topic, 3);
        fixture.createTopic(topic + ".dlq", 1);
        Set<String> sent = produce(topic, 0, 3000);
        IcebergCatalogSettings settings = catalog(lake);
        LakeTable table = table("exactly_once", topic, new RollPolicy(400, 8L << 20, Duration.ofSeconds(1)), settings);

        try (LakeSink sink = new LakeSink(table, lake, fixture.clientProps(), null);
             JdbcCatalog catalog = IcebergCatalogs.open(settings, lake)) {
            sink.start();
            KafkaFixture.await(() -> catalog.tableExists(TableIdentifier.of(settings.namespace(), table.name())),
                    WAIT, "the sink created its table");
            awaitTableCaughtUp(load(catalog, settings, table.name()), topic, 3);
        }

        try (JdbcCatalog catalog = IcebergCatalogs.open(settings, lake)) {
            Table iceberg = load(catalog, settings, table.name());
            assertExactlyOnce(readWithIceberg(iceberg), sent, "Iceberg");
            assertExactlyOnce(readDataFilesWithDuckDb(iceberg), sent, "DuckDB over the table's data files");
            assertThat(iceberg.spec().fields()).hasSize(2);
            assertThat(iceberg.currentSnapshot().summary()).containsKey(SummaryOffsets.COMMIT_ID);
            // the group's offsets follow the snapshot, for lag monitoring
            Map<TopicPartition, Long> end = fixture.endOffsets(topic, 3);
            KafkaFixture.await(() -> {
                try {
                    return fixture.committedOffsets("tributary-lake-" + table.name()).equals(end);
                } catch (Exception e) {
                    return false;
                }
            }, WAIT, "group offsets at the end");
        }
    }

    @Test
    void resumesFromTheSnapshotSummaryNotTheGroupAfterARestart() throws Exception {
        String topic = "iceberg-restart";
        fixture.createTopic(topic, 2);
        fixture.createTopic(topic + ".dlq", 1);
        IcebergCatalogSettings settings = catalog(lake);
        LakeTable table = table("restart", topic, new RollPolicy(300, 8L << 20, Duration.ofSeconds(1)), settings);
        Set<String> sent = new HashSet<>(produce(topic, 0, 1000));

        try (LakeSink sink = new LakeSink(table, lake, fixture.clientProps(), null);
             JdbcCatalog catalog = IcebergCatalogs.open(settings, lake)) {
            sink.start();
            KafkaFixture.await(() -> catalog.tableExists(TableIdentifier.of(settings.namespace(), table.name())),
                    WAIT, "the sink created its table");
            awaitTableCaughtUp(load(catalog, settings, table.name()), topic, 2);
        }
        // the group's offsets are for monitoring only: rewound to 0, they must not cause a replay
        for (int partition = 0; partition < 2; partition++) {
            fixture.rewindGroup("tributary-lake-" + table.name(), new TopicPartition(topic, partition), 0);
        }
        sent.addAll(produce(topic, 1000, 1000));

        try (LakeSink sink = new LakeSink(table, lake, fixture.clientProps(), null);
             JdbcCatalog catalog = IcebergCatalogs.open(settings, lake)) {
            sink.start();
            awaitTableCaughtUp(load(catalog, settings, table.name()), topic, 2);
        }

        try (JdbcCatalog catalog = IcebergCatalogs.open(settings, lake)) {
            Table iceberg = load(catalog, settings, table.name());
            assertExactlyOnce(readWithIceberg(iceberg), sent, "Iceberg");
            assertExactlyOnce(readDataFilesWithDuckDb(iceberg), sent, "DuckDB over the table's data files");
        }
    }

    @Test
    void commitsOnRecordCountAndOnTimeAloneWhileTheSinkRuns() throws Exception {
        String byCount = "iceberg-by-count";
        String byTime = "iceberg-by-time";
        for (String topic : List.of(byCount, byTime)) {
            fixture.createTopic(topic, 1);
            fixture.createTopic(topic + ".dlq", 1);
        }
        IcebergCatalogSettings settings = catalog(lake);
        // no time limit to speak of: only the record count can commit these
        LakeTable counted = table("by_count", byCount, new RollPolicy(100, 1L << 40, Duration.ofHours(1)), settings);
        // neither count nor bytes can be reached: only time commits (iceberg#13633 commits on time only)
        LakeTable timed = table("by_time", byTime, new RollPolicy(1_000_000, 1L << 40, Duration.ofSeconds(1)), settings);
        Set<String> countedSent = produce(byCount, 0, 1000);
        Set<String> timedSent = produce(byTime, 0, 10);

        try (LakeSink countSink = new LakeSink(counted, lake, fixture.clientProps(), null);
             LakeSink timeSink = new LakeSink(timed, lake, fixture.clientProps(), null);
             JdbcCatalog catalog = IcebergCatalogs.open(settings, lake)) {
            countSink.start();
            timeSink.start();
            KafkaFixture.await(() -> catalog.tableExists(TableIdentifier.of(settings.namespace(), counted.name()))
                    && catalog.tableExists(TableIdentifier.of(settings.namespace(), timed.name())), WAIT, "tables");
            Table countTable = load(catalog, settings, counted.name());
            Table timeTable = load(catalog, settings, timed.name());
            awaitTableCaughtUp(countTable, byCount, 1);
            awaitTableCaughtUp(timeTable, byTime, 1);
            // both while the sinks still run: nothing was committed by closing them
            assertExactlyOnce(readWithIceberg(countTable), countedSent, "Iceberg, by count");
            assertExactlyOnce(readWithIceberg(timeTable), timedSent, "Iceberg, by time");
            // a roll by count closes its batch's files (one per hour and bucket folder) at maxRecords rows
            List<Long> rowsPerFile = new ArrayList<>();
            try (CloseableIterable<FileScanTask> tasks = countTable.newScan().planFiles()) {
                tasks.forEach(task -> rowsPerFile.add(task.file().recordCount()));
            }
            assertThat(rowsPerFile).allMatch(rows -> rows <= 100);
            assertThat(rowsPerFile.stream().mapToLong(Long::longValue).sum()).isEqualTo(1000);
        }
    }
}
