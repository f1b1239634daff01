package io.tributary.lake;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.lake.testing.DuckDb;
import io.tributary.lake.testing.KafkaFixture;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** LakeSink against a real KRaft broker; the lake is read back with DuckDB. */
class LakeSinkIT {

    private static final Instant FIRST_EVENT = Instant.parse("2026-11-21T06:30:00Z");

    @RegisterExtension
    static final KafkaFixture fixture = new KafkaFixture();

    @TempDir
    Path lake;

    /** A malformed payload and the start of the reason it must be dead-lettered with. */
    private enum Malformed {
        NOT_JSON("temp=21.5", "payload is not valid JSON"),
        NOT_AN_OBJECT("[21.5]", "payload is array, expected a JSON object"),
        REQUIRED_MISSING("{\"hum\": 40}", "required column 'temp' (DOUBLE at /temp) is missing"),
        WRONG_TYPE("{\"temp\": \"warm\"}", "column 'temp' (DOUBLE at /temp): expected a number, got string \"warm\""),
        OUT_OF_RANGE("{\"temp\": 1, \"hum\": 3000000000}", "column 'humidity' (INT at /hum): integer 3000000000 is out of"),
        BAD_EVENT_TIME("{\"temp\": 1, \"ts\": \"yesterday\"}", "event time at /ts: 'yesterday' is not an ISO-8601");

        final String payload;
        final String reason;

        Malformed(String payload, String reason) {
            this.payload = payload;
            this.reason = reason;
        }
    }

    /** Where each produced record landed, by kind. */
    private static final class Produced {
        final Set<String> good = ConcurrentHashMap.newKeySet();
        final Map<String, Malformed> bad = new ConcurrentHashMap<>();
        final AtomicLong tempSumTimesTwo = new AtomicLong();
    }

    /** Counts what a sink reports. */
    private static final class Counting implements LakeListener {
        final AtomicLong written = new AtomicLong();
        final AtomicLong committedRows = new AtomicLong();
        final AtomicInteger committedFiles = new AtomicInteger();
        final AtomicInteger deadLettered = new AtomicInteger();
        final Set<String> fileNames = ConcurrentHashMap.newKeySet();
        volatile Throwable failure;

        @Override
        public void recordsWritten(String table, int count) {
            written.addAndGet(count);
        }

        @Override
        public void fileCommitted(String table, Path file, long records) {
            committedFiles.incrementAndGet();
            committedRows.addAndGet(records);
            fileNames.add(file.getFileName().toString());
        }

        @Override
        public void deadLettered(String table, String reason) {
            deadLettered.incrementAndGet();
        }

        @Override
        public void sinkFailed(String table, Throwable cause) {
            failure = cause;
        }
    }

    private static LakeTable table(String name, String topic, PartitionGranularity granularity, RollPolicy roll) {
        return new LakeTable(name, topic, topic + ".dlq", granularity, List.of(
                new LakeColumn("temp", ColumnType.DOUBLE, "/temp", true),
                new LakeColumn("humidity", ColumnType.INT, "/hum", false),
                new LakeColumn("status", ColumnType.STRING, "/status", false)),
                roll, "/ts");
    }

    private static String group(LakeTable table) {
        return "tributary-lake-" + table.name();
    }

    private static String coordinates(int partition, long offset) {
        return partition + "@" + offset;
    }

    /**
     * Sends good records (every {@code badEvery}-th one malformed when positive), half with the
     * event time in the payload and half in ce_time only, spread over several hours.
     */
    private static void produce(KafkaProducer<byte[], byte[]> producer, String topic, int from, int count,
                                int badEvery, Produced produced) {
        for (int i = from; i < from + count; i++) {
            boolean bad = badEvery > 0 && i % badEvery == badEvery - 1;
            Malformed kind = Malformed.values()[i % Malformed.values().length];
            Instant eventTime = FIRST_EVENT.plusSeconds(2L * i);
            int temp = i % 97;
            String payload = bad ? kind.payload
                    : i % 2 == 0 ? "{\"ts\": " + eventTime.toEpochMilli() + ", \"temp\": " + temp + ".5, \"hum\": " + (i % 100) + "}"
                    : "{\"temp\": " + temp + ".5, \"status\": \"ok-" + (i % 3) + "\"}";
            ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, null,
                    ("device-" + (i % 50)).getBytes(StandardCharsets.UTF_8), payload.getBytes(StandardCharsets.UTF_8));
            record.headers().add("ce_time", eventTime.toString().getBytes(StandardCharsets.UTF_8));
            record.headers().add("ce_id", ("msg-" + i).getBytes(StandardCharsets.UTF_8));
            record.headers().add("ce_source", "mqtt://fleet".getBytes(StandardCharsets.UTF_8));
            record.headers().add("tributary_source", "fleet-mqtt".getBytes(StandardCharsets.UTF_8));
            producer.send(record, (metadata, exception) -> {
                assertThat(exception).isNull();
                String where = coordinates(metadata.partition(), metadata.offset());
                if (bad) {
                    produced.bad.put(where, kind);
                } else {
                    produced.good.add(where);
                    produced.tempSumTimesTwo.addAndGet(2L * temp + 1);
                }
            });
        }
        producer.flush();
    }

    private Set<String> rowCoordinates() throws Exception {
        return DuckDb.query(lake, "SELECT kafka_partition AS p, kafka_offset AS o FROM {files}").stream()
                .map(row -> coordinates((Integer) row.get("p"), (Long) row.get("o")))
                .collect(Collectors.toSet());
    }

    private void assertEveryGoodRecordExactlyOnce(Produced produced) throws Exception {
        Map<String, Object> totals = DuckDb.query(lake, "SELECT count(*) AS n,"
                + " count(DISTINCT (kafka_partition, kafka_offset)) AS distinct_n, sum(temp) * 2 AS temp2 FROM {files}")
                .get(0);
        assertThat(totals.get("n")).as("rows").isEqualTo((long) produced.good.size());
        assertThat(totals.get("distinct_n")).as("distinct (partition, offset)").isEqualTo((long) produced.good.size());
        assertThat(((Number) totals.get("temp2")).longValue()).isEqualTo(produced.tempSumTimesTwo.get());
        assertThat(rowCoordinates()).isEqualTo(produced.good);
    }

    private List<String> leftoverTempFiles() throws Exception {
        try (Stream<Path> files = Files.walk(lake)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".tmp")).toList();
        }
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    @Test
    void landsEveryGoodRecordExactlyOnceAndDeadLettersEveryMalformedOneWithItsReason() throws Exception {
        String topic = "lake-it-exactly-once";
        fixture.createTopic(topic, 3);
        fixture.createTopic(topic + ".dlq", 1);
        Produced produced = new Produced();
        try (KafkaProducer<byte[], byte[]> producer = fixture.producer()) {
            produce(producer, topic, 0, 5200, 26, produced);
        }
        assertThat(produced.good).hasSize(5000);
        assertThat(produced.bad).hasSize(200);
        LakeTable table = table("exactly_once", topic, PartitionGranularity.HOUR,
                new RollPolicy(700, 8L << 20, Duration.ofSeconds(1)));
        Counting listener = new Counting();

        try (LakeSink sink = new LakeSink(table, lake, fixture.clientProps(), listener)) {
            sink.start();
            fixture.awaitCaughtUp(group(table), topic, 3, Duration.ofSeconds(30));
        }

        assertEveryGoodRecordExactlyOnce(produced);
        assertThat(DuckDb.count(lake, "SELECT count(*) FROM {hive} WHERE epoch_ms(event_time) // 3600000"
                + " <> epoch_ms(CAST(dt AS TIMESTAMP)) // 3600000 + CAST(hour AS BIGINT)"))
                .as("rows whose hour folder differs from their event time").isZero();
        assertThat(DuckDb.count(lake, "SELECT count(DISTINCT hour) FROM {hive}")).isGreaterThanOrEqualTo(3);
        assertThat(DuckDb.count(lake, "SELECT count(*) FROM {files} WHERE device_id IS NULL"
                + " OR source <> 'fleet-mqtt' OR ingest_time IS NULL")).isZero();
        assertThat(leftoverTempFiles()).isEmpty();
        assertThat(listener.committedRows.get()).isEqualTo(5000);
        assertThat(listener.written.get()).isEqualTo(5000);
        assertThat(listener.deadLettered.get()).isEqualTo(200);
        assertThat(listener.failure).isNull();

        List<ConsumerRecord<byte[], byte[]>> deadLetters = fixture.readAll(topic + ".dlq", 1);
        Map<String, String> reasons = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> letter : deadLetters) {
            assertThat(header(letter, "tributary_dlq_table")).isEqualTo("exactly_once");
            assertThat(header(letter, "tributary_dlq_topic")).isEqualTo(topic);
            assertThat(header(letter, "ce_id")).startsWith("msg-");
            reasons.put(coordinates(Integer.parseInt(header(letter, "tributary_dlq_partition")),
                    Long.parseLong(header(letter, "tributary_dlq_offset"))), header(letter, "tributary_dlq_reason"));
        }
        assertThat(deadLetters).hasSize(200);
        assertThat(reasons.keySet()).isEqualTo(produced.bad.keySet());
        produced.bad.forEach((where, kind) -> assertThat(reasons.get(where)).as(where).startsWith(kind.reason));
    }

    @Test
    void handsPartitionsBetweenSinksAndSurvivesACloseMidStreamWithoutLossOrDuplicates() throws Exception {
        String topic = "lake-it-restart";
        fixture.createTopic(topic, 3);
        fixture.createTopic(topic + ".dlq", 1);
        LakeTable table = table("restart", topic, PartitionGranularity.HOUR,
                new RollPolicy(250, 8L << 20, Duration.ofSeconds(1)));
        Produced produced = new Produced();
        Counting first = new Counting();
        Counting second = new Counting();
        Thread producing = new Thread(() -> {
            try (KafkaProducer<byte[], byte[]> producer = fixture.producer()) {
                // about 7 s in all, so that B joins and A leaves while records keep arriving
                for (int from = 0; from < 6000; from += 200) {
                    produce(producer, topic, from, 200, 50, produced);
                    Thread.sleep(230);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "it-producer");

        LakeSink sinkA = new LakeSink(table, lake, fixture.clientProps(), first);
        LakeSink sinkB = new LakeSink(table, lake, fixture.clientProps(), second);
        try {
            producing.start();
            sinkA.start();
            KafkaFixture.await(() -> first.committedFiles.get() >= 3, Duration.ofSeconds(20), "first commits of A");
            sinkB.start(); // joins the group: A must roll and commit what it hands over
            KafkaFixture.await(() -> second.committedFiles.get() >= 1, Duration.ofSeconds(20), "first commit of B");
            long writtenByA = first.written.get();
            sinkA.close(); // mid-stream: B takes all partitions from A's last commits
            assertThat(producing.isAlive()).as("producer still running when A closed").isTrue();
            assertThat(writtenByA).isPositive();
            producing.join(30_000);
            fixture.awaitCaughtUp(group(table), topic, 3, Duration.ofSeconds(30));
        } finally {
            sinkA.close();
            sinkB.close();
        }

        assertThat(produced.good).hasSize(5880);
        assertEveryGoodRecordExactlyOnce(produced);
        assertThat(first.committedRows.get() + second.committedRows.get()).isEqualTo(5880);
        assertThat(first.deadLettered.get() + second.deadLettered.get()).isEqualTo(120);
        assertThat(leftoverTempFiles()).isEmpty();
        assertThat(first.failure).isNull();
        assertThat(second.failure).isNull();
    }

    @Test
    void replaysFromAnOffsetWhoseCommitWasLostAndRewritesTheSameFiles() throws Exception {
        String topic = "lake-it-replay";
        fixture.createTopic(topic, 1);
        fixture.createTopic(topic + ".dlq", 1);
        Produced produced = new Produced();
        try (KafkaProducer<byte[], byte[]> producer = fixture.producer()) {
            produce(producer, topic, 0, 1000, 0, produced);
        }
        LakeTable table = table("replay", topic, PartitionGranularity.DAY,
                new RollPolicy(300, 64L << 20, Duration.ofSeconds(3)));
        Counting first = new Counting();
        try (LakeSink sink = new LakeSink(table, lake, fixture.clientProps(), first)) {
            sink.start();
            fixture.awaitCaughtUp(group(table), topic, 1, Duration.ofSeconds(30));
        }
        Set<String> filesAfterFirstRun = Set.copyOf(first.fileNames);
        // as if the sink had renamed its last two batches' files and crashed before committing them
        fixture.rewindGroup(group(table), new TopicPartition(topic, 0), 300);
        Path crashedWrite = Files.writeString(lake.resolve("replay/dt=2026-11-21/.lake-it-replay+0+00000000000000000950.parquet.0123456789abcdef.tmp"),
                "half a file");

        Counting second = new Counting();
        try (LakeSink sink = new LakeSink(table, lake, fixture.clientProps(), second)) {
            sink.start();
            fixture.awaitCaughtUp(group(table), topic, 1, Duration.ofSeconds(30));
        }

        assertThat(filesAfterFirstRun).containsExactlyInAnyOrder(
                "lake-it-replay+0+00000000000000000000.parquet", "lake-it-replay+0+00000000000000000300.parquet",
                "lake-it-replay+0+00000000000000000600.parquet", "lake-it-replay+0+00000000000000000900.parquet");
        assertThat(second.fileNames).containsExactlyInAnyOrder(
                "lake-it-replay+0+00000000000000000300.parquet", "lake-it-replay+0+00000000000000000600.parquet",
                "lake-it-replay+0+00000000000000000900.parquet");
        assertThat(second.committedRows.get()).isEqualTo(700);
        assertEveryGoodRecordExactlyOnce(produced);
        assertThat(crashedWrite).doesNotExist();
        try (Stream<Path> files = Files.list(lake.resolve("replay/dt=2026-11-21"))) {
            assertThat(files.map(f -> f.getFileName().toString()).collect(Collectors.toSet()))
                    .isEqualTo(new HashSet<>(filesAfterFirstRun));
        }
    }
}
