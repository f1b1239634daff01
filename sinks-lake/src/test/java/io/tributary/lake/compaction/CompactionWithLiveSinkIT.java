package io.tributary.lake.compaction;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.lake.ColumnType;
import io.tributary.lake.LakeColumn;
import io.tributary.lake.LakeListener;
import io.tributary.lake.LakeSink;
import io.tributary.lake.LakeTable;
import io.tributary.lake.PartitionGranularity;
import io.tributary.lake.RollPolicy;
import io.tributary.lake.compaction.ParquetTableCompactor.Result;
import io.tributary.lake.compaction.ParquetTableCompactor.Status;
import io.tributary.lake.testing.DuckDb;
import io.tributary.lake.testing.KafkaFixture;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compaction while the real lake sink keeps writing late records into the same closed hour folder:
 * compaction runs back to back (merging when the sink is idle, skipping the folder while it writes),
 * a DuckDB reader counts the table all along, and in the end every record is in the lake exactly once
 * and the sink never failed.
 */
class CompactionWithLiveSinkIT {

    /** Long ago, so the hour folder is closed: every record is a late one. */
    private static final Instant EVENT = Instant.parse("2026-01-05T08:00:00Z");
    private static final int BURSTS = 12;
    private static final int PER_BURST = 200;

    @RegisterExtension
    static final KafkaFixture fixture = new KafkaFixture();

    @TempDir
    Path lake;

    /** Remembers a sink failure. */
    private static final class Failures implements LakeListener {
        volatile Throwable failure;

        @Override
        public void sinkFailed(String table, Throwable cause) {
            failure = cause;
        }
    }

    @Test
    void everyRecordLandsExactlyOnceWhileCompactionRunsBesideTheSink() throws Exception {
        String topic = "compaction-live";
        fixture.createTopic(topic, 2);
        fixture.createTopic(topic + ".dlq", 1);
        LakeTable table = new LakeTable("live", topic, topic + ".dlq", PartitionGranularity.HOUR,
                List.of(new LakeColumn("temp", ColumnType.DOUBLE, "/temp", true)),
                new RollPolicy(40, 8L << 20, Duration.ofMillis(200)), "/ts");
        Set<String> produced = ConcurrentHashMap.newKeySet();
        Failures failures = new Failures();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong readerChecks = new AtomicLong();
        List<String> readerProblems = java.util.Collections.synchronizedList(new ArrayList<>());
        Map<String, Integer> readerErrors = new ConcurrentHashMap<>();
        Thread reader = new Thread(() -> readContinuously(lake.resolve("live"), stop, readerChecks, readerProblems,
                readerErrors), "duckdb-reader");
        Map<String, Integer> outcomes = new TreeMap<>();
        AtomicInteger kept = new AtomicInteger();
        ParquetTableCompactor compactor = new ParquetTableCompactor(lake, "live", Duration.ofMillis(200),
                FolderCompactor.Steps.NONE);

        try (LakeSink sink = new LakeSink(table, lake, fixture.clientProps(), failures);
             KafkaProducer<byte[], byte[]> producer = fixture.producer()) {
            sink.start();
            reader.start();
            for (int burst = 0; burst < BURSTS; burst++) {
                for (int i = burst * PER_BURST; i < (burst + 1) * PER_BURST; i++) {
                    String payload = "{\"ts\": " + EVENT.plusMillis(i).toEpochMilli() + ", \"temp\": " + (i % 50) + ".5}";
                    producer.send(new ProducerRecord<>(topic, ("device-" + i % 9).getBytes(StandardCharsets.UTF_8),
                            payload.getBytes(StandardCharsets.UTF_8)), (metadata, e) -> {
                        assertThat(e).isNull();
                        produced.add(metadata.partition() + "@" + metadata.offset());
                    });
                }
                producer.flush();
                // compaction while the sink is still rolling the burst's files and after it went idle
                Instant until = Instant.now().plusMillis(900);
                while (Instant.now().isBefore(until)) {
                    record(compactor.compact(List.of(), 1L << 20, Instant.now()), outcomes, kept);
                    Thread.sleep(10);
                }
            }
            fixture.awaitCaughtUp("tributary-lake-live", topic, 2, Duration.ofSeconds(30));
            record(compactor.compact(List.of(), 1L << 20, Instant.now()), outcomes, kept);
            assertThat(failures.failure).as("sink failure").isNull();
        } finally {
            stop.set(true);
            reader.join(30_000);
        }

        Path hour = lake.resolve("live/dt=2026-01-05/hour=08");
        List<String> files;
        try (Stream<Path> list = Files.list(hour)) {
            files = list.map(f -> f.getFileName().toString()).sorted().toList();
        }
        Map<String, Object> totals = DuckDb.query(lake.resolve("live"), "SELECT count(*) AS n,"
                + " count(DISTINCT (kafka_partition, kafka_offset)) AS distinct_n FROM {hive}").get(0);
        List<String> landed = DuckDb.query(lake.resolve("live"), "SELECT kafka_partition AS p, kafka_offset AS o FROM {files}")
                .stream().map(row -> row.get("p") + "@" + row.get("o")).toList();
        System.out.printf("compaction beside a live sink: %d records, compaction outcomes %s, files a writer added"
                        + " and compaction kept %d, final files %d, reader checks %d, reader problems %s, failed"
                        + " queries %s%n", produced.size(), outcomes, kept.get(), files.size(), readerChecks.get(),
                readerProblems, readerErrors);
        assertThat(produced).hasSize(BURSTS * PER_BURST);
        assertThat(totals.get("n")).isEqualTo((long) produced.size());
        assertThat(totals.get("distinct_n")).isEqualTo((long) produced.size());
        assertThat(Set.copyOf(landed)).isEqualTo(produced);
        assertThat(outcomes.getOrDefault("MERGED", 0)).isPositive();
        assertThat(files).noneMatch(name -> name.endsWith(".tmp"));
        assertThat(files.size()).isLessThanOrEqualTo(3);
        assertThat(readerProblems).isEmpty();
        assertThat(readerChecks.get()).isPositive();
        assertThat(readerErrors.keySet()).allSatisfy(kind -> assertThat(kind)
                .containsAnyOf("No such file", "No files found", "Cannot open file"));
        assertThat(lake.resolve(StagingArea.FOLDER).resolve("live")).isEmptyDirectory();
    }

    private static void record(Result result, Map<String, Integer> outcomes, AtomicInteger kept) {
        for (ParquetTableCompactor.FolderResult folder : result.folders()) {
            String key = folder.status() == Status.SKIPPED
                    ? "SKIPPED (" + String.join(" ", java.util.Arrays.asList(folder.reason().split("[ :]+")).subList(0,
                    Math.min(4, folder.reason().split("[ :]+").length))) + " ...)" : folder.status().name();
            outcomes.merge(key, 1, Integer::sum);
            kept.addAndGet(folder.returned().size());
            assertThat(folder.status()).as(folder.reason()).isNotEqualTo(Status.FAILED);
        }
    }

    /**
     * Counts rows and distinct Kafka coordinates without pause: the two must be equal (no duplicates), and
     * as the sink only adds rows, no count may be lower than an earlier one (no gap).
     */
    private static void readContinuously(Path table, AtomicBoolean stop, AtomicLong checks, List<String> problems,
                                         Map<String, Integer> errors) {
        String glob = "'" + table + "/**/*.parquet'";
        long highest = 0;
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:")) {
            while (!stop.get()) {
                try (Statement statement = connection.createStatement();
                     ResultSet rows = statement.executeQuery("SELECT count(*), count(DISTINCT (kafka_partition,"
                             + " kafka_offset)) FROM read_parquet(" + glob + ", hive_partitioning = true)")) {
                    rows.next();
                    long count = rows.getLong(1);
                    long distinct = rows.getLong(2);
                    if (count != distinct) {
                        problems.add("duplicates: " + count + " rows, " + distinct + " distinct");
                    }
                    if (count < highest) {
                        problems.add("gap: " + count + " rows after " + highest);
                    }
                    highest = Math.max(highest, count);
                    checks.incrementAndGet();
                } catch (SQLException e) {
                    String kind = String.valueOf(e.getMessage()).replaceAll("\"[^\"]*\"", "<file>")
                            .replaceAll("/[^ ]*\\.parquet", "<file>");
                    errors.merge(kind.length() > 120 ? kind.substring(0, 120) : kind, 1, Integer::sum);
                }
            }
        } catch (SQLException e) {
            problems.add("connection: " + e.getMessage());
        }
    }
}
