package io.tributary.it.kinesis;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.routes.runtime.Hub;
import io.tributary.testkit.Await;
import io.tributary.testkit.KafkaTopicReader;
import io.tributary.testkit.Lake;
import io.tributary.testkit.Telemetry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;

/**
 * Kinesis to Kafka to the Parquet lake, end to end on kinesis-local and a real KRaft broker, with the hub in this
 * JVM. One emulator and one broker per class; each test has its own stream, topic, table and checkpoints.
 */
class KinesisToLakeIT extends KinesisServers {

    static final int DEVICES = 50;

    @TempDir
    Path work;

    /** {@code count} readings, round robin over the devices; device d's n-th reading has seq n. */
    static List<PutRecordsRequestEntry> readings(int from, int to) {
        List<PutRecordsRequestEntry> entries = new ArrayList<>();
        for (int i = from; i < to; i++) {
            entries.add(KinesisLocal.entry(Telemetry.device(i % DEVICES), KinesisHub.payload(i % DEVICES, i / DEVICES)));
        }
        return entries;
    }

    private long lakeRows(Lake lake, String name) {
        return lake.count(KinesisHub.lake(work), KinesisHub.table(name));
    }

    @Test
    void deliversTenThousandRecordsFromFourShardsIntoTheLake() throws Exception {
        String name = "kinesis-fleet";
        int records = 10_000;
        kinesis.createStream(name, 4);
        kinesis.put(name, readings(0, records));
        Path config = KinesisHub.writeConfig(work, name, kinesis, kafka.bootstrapServers(), 1_000);

        long started = System.nanoTime();
        try (Hub hub = KinesisHub.start(config); Lake lake = Lake.open()) {
            assertThat(Await.atLeast(records, Duration.ofSeconds(40), () -> KinesisHub.written(hub)))
                    .isEqualTo(records);
            double seconds = (System.nanoTime() - started) / 1e9;
            System.out.printf("kinesis -> kafka: %d records from 4 shards in %.2f s (%.0f records/s, hub start "
                    + "included)%n", records, seconds, records / seconds);
            assertThat(Await.atLeast(records, Duration.ofSeconds(30), () -> lakeRows(lake, name)))
                    .isEqualTo(records);
        }
        try (Lake lake = Lake.open()) {
            String table = Lake.parquet(KinesisHub.lake(work), KinesisHub.table(name));
            Map<String, Object> totals = lake.query("SELECT count(*) AS n, count(DISTINCT device_id) AS devices, "
                    + "count(DISTINCT (device_id, seq)) AS readings FROM " + table).get(0);
            assertThat(totals).containsEntry("n", (long) records).containsEntry("devices", (long) DEVICES)
                    .containsEntry("readings", (long) records);
            List<Map<String, Object>> perDevice = lake.query("SELECT device_id, count(*) AS n, min(seq) AS first, "
                    + "max(seq) AS last FROM " + table + " GROUP BY device_id ORDER BY device_id");
            assertThat(perDevice).hasSize(DEVICES).allSatisfy(row -> assertThat(row)
                    .containsEntry("n", (long) records / DEVICES).containsEntry("first", 0L)
                    .containsEntry("last", (long) records / DEVICES - 1));
        }
        List<KafkaTopicReader.Record> all = new KafkaTopicReader(kafka.bootstrapServers())
                .readToEnd(KinesisHub.topic(name), Duration.ofSeconds(20));
        assertThat(all).hasSize(records);
        long firstSent = all.stream().mapToLong(KafkaTopicReader.Record::timestamp).min().orElseThrow();
        long lastSent = all.stream().mapToLong(KafkaTopicReader.Record::timestamp).max().orElseThrow();
        System.out.printf("kinesis -> kafka: %d records between the first and the last send in %d ms (%.0f records/s)%n",
                records, lastSent - firstSent, records * 1000.0 / Math.max(1, lastSent - firstSent));
        KafkaTopicReader.Record first = all.get(0);
        assertThat(first.header("ce_id")).isEqualTo(first.header("tributary_kinesis_shard_id") + "-"
                + first.header("tributary_kinesis_sequence_number"));
        assertThat(first.header("tributary_kinesis_partition_key")).isEqualTo(first.key());
        assertThat(first.header("tributary_kinesis_arrival_time")).isEqualTo(first.header("ce_time"));
        assertThat(first.header("ce_type")).isEqualTo("io.tributary.kinesis.message");
        // every shard was read to the end of what it holds
        assertThat(Files.readAllLines(KinesisHub.checkpoints(work).resolve(name + "." + name + ".checkpoints")))
                .hasSize(4);
    }

    @Test
    void resumesFromTheCheckpointAfterAHubRestartWithoutLoss() throws Exception {
        String name = "kinesis-restart";
        int records = 6_000;
        kinesis.createStream(name, 2);
        kinesis.put(name, readings(0, records));
        // small batches, so that the first hub stops with much of the stream unread
        Path config = KinesisHub.writeConfig(work, name, kinesis, kafka.bootstrapServers(), 50);
        Path checkpointFile = KinesisHub.checkpoints(work).resolve(name + "." + name + ".checkpoints");

        long firstRun;
        try (Hub hub = KinesisHub.start(config)) {
            Await.atLeast(1_000, Duration.ofSeconds(30), () -> KinesisHub.written(hub));
            firstRun = KinesisHub.written(hub);
        }
        long writtenBeforeStop = new KafkaTopicReader(kafka.bootstrapServers())
                .readToEnd(KinesisHub.topic(name), Duration.ofSeconds(10)).size();
        assertThat(writtenBeforeStop).as("the first hub stopped mid-stream").isBetween(1_000L, records - 1L);
        assertThat(checkpointFile).exists();

        try (Hub hub = KinesisHub.start(config)) {
            Await.atLeast(records - writtenBeforeStop, Duration.ofSeconds(40), () -> KinesisHub.written(hub));
            assertThat(KinesisHub.written(hub)).as("the second hub resumed after the checkpoint, so it reads only "
                    + "the rest (first hub: %d written)", firstRun).isEqualTo(records - writtenBeforeStop);
        }
        List<KafkaTopicReader.Record> all = new KafkaTopicReader(kafka.bootstrapServers())
                .readToEnd(KinesisHub.topic(name), Duration.ofSeconds(20));
        assertThat(all).hasSize(records);
        assertThat(all.stream().map(r -> r.header("ce_id")).distinct().count()).isEqualTo(records);
        try (Lake lake = Lake.open()) {
            assertThat(Await.atLeast(records, Duration.ofSeconds(5), () -> lakeRows(lake, name)))
                    .isEqualTo(records);
        }
    }
}
