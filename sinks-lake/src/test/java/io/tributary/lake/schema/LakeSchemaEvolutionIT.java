package io.tributary.lake.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.lake.ColumnType;
import io.tributary.lake.LakeColumn;
import io.tributary.lake.LakeSink;
import io.tributary.lake.LakeTable;
import io.tributary.lake.PartitionGranularity;
import io.tributary.lake.RollPolicy;
import io.tributary.lake.testing.DuckDb;
import io.tributary.lake.testing.KafkaFixture;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Schema evolution of a plain Parquet table through a real broker, read back with DuckDB's
 * {@code union_by_name}, which readers of an evolving table need.
 */
class LakeSchemaEvolutionIT {

    private static final Instant EVENT_TIME = Instant.parse("2026-11-21T08:30:00Z");
    private static final LakeColumn TEMP = new LakeColumn("temp", ColumnType.DOUBLE, "/temp", true);

    @RegisterExtension
    static final KafkaFixture fixture = new KafkaFixture();

    @TempDir
    Path lake;

    private static LakeTable table(String name, String topic, RollPolicy roll, LakeColumn... columns) {
        return new LakeTable(name, topic, topic + ".dlq", PartitionGranularity.HOUR, List.of(columns), roll, null,
                true, LakeTable.DEFAULT_MAX_OPEN_FILES);
    }

    /** Sends payloads {@code from..to-1}, all in one hour, to partition 0: offset i holds payload i. */
    private static void produce(String topic, int from, int to, IntFunction<String> payload) {
        try (KafkaProducer<byte[], byte[]> producer = fixture.producer()) {
            for (int i = from; i < to; i++) {
                ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, 0,
                        ("device-" + (i % 7)).getBytes(StandardCharsets.UTF_8),
                        payload.apply(i).getBytes(StandardCharsets.UTF_8));
                record.headers().add("ce_time", EVENT_TIME.toString().getBytes(StandardCharsets.UTF_8));
                producer.send(record, (metadata, e) -> assertThat(e).isNull());
            }
            producer.flush();
        }
    }

    private void sinkUntilCaughtUp(LakeTable table) throws Exception {
        try (LakeSink sink = new LakeSink(table, lake, fixture.clientProps(), null)) {
            sink.start();
            fixture.awaitCaughtUp("tributary-lake-" + table.name(), table.topic(), 1, Duration.ofSeconds(60));
        }
    }

    private long dataFiles(String table) throws Exception {
        try (Stream<Path> files = Files.walk(lake.resolve(table))) {
            return files.filter(f -> f.getFileName().toString().endsWith(".parquet")).count();
        }
    }

    /** A query over the table's files unioned by column name, as an evolving table must be read. */
    private long count(String table, String where) throws Exception {
        String glob = lake.resolve(table).toAbsolutePath() + "/**/*.parquet";
        return DuckDb.count(lake, "SELECT count(*) FROM read_parquet('" + glob + "', union_by_name = true)"
                + (where.isEmpty() ? "" : " WHERE " + where));
    }

    @Test
    void alternatingSchemaVersionsDoNotRotateFilesPerRecord() throws Exception {
        String topic = "schema-alternating";
        fixture.createTopic(topic, 1);
        fixture.createTopic(topic + ".dlq", 1);
        // A, A+hum, A, A+hum, ...: the second record widens the schema once; after that every
        // record, narrow or wide, goes into a file of the wider version
        produce(topic, 0, 10_000, i -> i % 2 == 0 ? "{\"temp\": " + i + ".5}"
                : "{\"temp\": " + i + ".5, \"hum\": " + i + "}");
        int maxRecords = 2_500;
        LakeTable table = table("alternating", topic, new RollPolicy(maxRecords, 1L << 30, Duration.ofMinutes(10)),
                TEMP);

        sinkUntilCaughtUp(table);

        long rolls = 10_000 / maxRecords;
        long files = dataFiles("alternating");
        System.out.printf("alternating schema versions: %d data files for 10,000 records in %d rolls%n", files, rolls);
        assertThat(files).as("data files of 10,000 alternating records in one folder, %d rolls", rolls)
                .isLessThanOrEqualTo(2 * rolls)
                .isGreaterThanOrEqualTo(rolls);
        assertThat(count("alternating", "")).isEqualTo(10_000);
        assertThat(count("alternating", "kafka_offset % 2 = 1 AND hum = kafka_offset")).isEqualTo(5_000);
        assertThat(count("alternating", "kafka_offset % 2 = 0 AND hum IS NULL")).isEqualTo(5_000);
        assertThat(count("alternating", "temp = kafka_offset + 0.5")).isEqualTo(10_000);

        TableSchema recorded = new SchemaStore(SmallFiles.local(lake)).load("alternating");
        assertThat(recorded.version()).isEqualTo(2);
        assertThat(recorded.column("hum")).contains(new SchemaColumn("hum", ColumnType.LONG, "/hum", true));
    }

    @Test
    void widensInferredTypesAndDeclaredColumnsAcrossRestartsAndRefusesANarrowing() throws Exception {
        String topic = "schema-widening";
        fixture.createTopic(topic, 1);
        fixture.createTopic(topic + ".dlq", 1);
        RollPolicy roll = new RollPolicy(100_000, 1L << 30, Duration.ofSeconds(1));
        LakeTable first = table("widening", topic, roll, TEMP);

        // integral hum, then fractional: long widens to double
        produce(topic, 0, 300, i -> "{\"temp\": 1, \"hum\": " + (i < 100 ? i + "" : i + ".25") + "}");
        sinkUntilCaughtUp(first);
        SchemaStore store = new SchemaStore(SmallFiles.local(lake));
        assertThat(store.load("widening").column("hum").orElseThrow().type()).isEqualTo(ColumnType.DOUBLE);
        assertThat(store.load("widening").version()).isEqualTo(3);

        // a restart with one more declared column: a new version at start, hum still filled
        LakeTable second = table("widening", topic, roll, TEMP,
                new LakeColumn("site", ColumnType.STRING, "/site", false));
        produce(topic, 300, 400, i -> "{\"temp\": 2, \"hum\": " + i + ", \"site\": \"s" + i + "\"}");
        sinkUntilCaughtUp(second);
        assertThat(store.load("widening").version()).isEqualTo(4);
        assertThat(store.load("widening").changesSince(3)).extracting(ColumnChange::toString)
                .containsExactly("added site string");

        assertThat(count("widening", "")).isEqualTo(400);
        assertThat(count("widening", "kafka_offset < 100 AND hum = kafka_offset")).isEqualTo(100);
        assertThat(count("widening", "kafka_offset BETWEEN 100 AND 299 AND hum = kafka_offset + 0.25")).isEqualTo(200);
        assertThat(count("widening", "kafka_offset >= 300 AND hum = kafka_offset AND site = 's' || kafka_offset"))
                .isEqualTo(100);
        assertThat(count("widening", "kafka_offset < 300 AND site IS NULL")).isEqualTo(300);
        Map<String, Object> humType = DuckDb.query(lake, "SELECT typeof(hum) AS t FROM read_parquet('"
                + lake.resolve("widening").toAbsolutePath() + "/**/*.parquet', union_by_name = true) LIMIT 1").get(0);
        assertThat(humType.get("t")).isEqualTo("DOUBLE");

        // declaring the recorded double column as long would make old files unreadable as one table
        LakeTable narrowing = table("widening", topic, roll, new LakeColumn("hum", ColumnType.LONG, "/hum", false));
        try (LakeSink sink = new LakeSink(narrowing, lake, fixture.clientProps(), null)) {
            assertThatThrownBy(sink::start).isInstanceOf(IncompatibleSchemaException.class)
                    .hasMessageContaining("column 'hum' was double in table 'widening' and cannot become long (narrowing)");
        }
        assertThat(store.load("widening").version()).isEqualTo(4);
    }
}
