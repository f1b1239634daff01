package io.tributary.it.lake.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.embedded.EmbeddedKafka;
import io.tributary.it.lake.CrashRuns;
import io.tributary.it.lake.LakeSinkProcess;
import io.tributary.lake.storage.LakeStorage;
import io.tributary.testkit.HubProcess;
import io.tributary.testkit.Lake;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.SeekableInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exactly-once into an object store under crashes: a lake sink process is killed 8 times while
 * 18,000 records arrive, each run's share over ~2.5 s while it runs (random SIGKILLs 1-3 s in, so
 * mid-stream and mid-upload, and halts at named points of the commit protocol: after staging,
 * after the manifest, after the offset commit, mid-publish), then runs to the end. Every record
 * must be in the published files exactly once, and no staged leftover or pending manifest may be
 * left. Subclasses start the store; one per class, with one KRaft broker.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ObjectStoreCrashSuite {

    private static final int PARTITIONS = 4;
    private static final int KILLS = 8;
    private static final int RECORDS = 18_000;
    private static final List<String> CRASH_POINTS = List.of("after-stage", "after-manifest", "after-commit",
            "mid-publish");

    private EmbeddedKafka kafka;
    private Admin admin;

    @TempDir
    Path work;

    /** Starts the store with an empty bucket or container. */
    abstract void startStore() throws Exception;

    abstract void stopStore();

    /** The {@link ObjectStoreSinkProcess} storage argument. */
    abstract String storageArgument();

    /** The secrets {@link ObjectStoreSinkProcess} reads from its environment. */
    abstract Map<String, String> storageEnvironment();

    @BeforeAll
    void startServers() throws Exception {
        kafka = EmbeddedKafka.start();
        admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()));
        startStore();
    }

    @AfterAll
    void stopServers() {
        stopStore();
        if (admin != null) {
            admin.close(Duration.ofSeconds(5));
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void everyRecordIsPublishedExactlyOnceThroughEightKills() throws Exception {
        String topic = "crash.in";
        String table = "crash";
        admin.createTopics(List.of(new NewTopic(topic, PARTITIONS, (short) 1), new NewTopic(topic + ".dlq", 1, (short) 1)))
                .all().get(30, TimeUnit.SECONDS);
        long seed = System.nanoTime();
        Random random = new Random(seed);
        List<String> kills = new ArrayList<>();
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            for (int run = 1; run <= KILLS; run++) {
                HubProcess.Builder builder = sink(table, topic, 300 + random.nextInt(700), "sink-" + run + ".log");
                String crashPoint = run % 2 == 0 ? CRASH_POINTS.get(run / 2 - 1) + "@" + (1 + random.nextInt(2)) : null;
                if (crashPoint != null) {
                    builder.jvmArg("-Dtributary.lake.crashAt=" + crashPoint);
                }
                try (HubProcess sink = builder.start()) {
                    sink.waitForLog(LakeSinkProcess.RUNNING, Duration.ofSeconds(60));
                    // the run's share arrives over ~2.5 s while the sink runs, so a kill lands mid-stream
                    int from = RECORDS * (run - 1) / (KILLS + 1);
                    int to = RECORDS * run / (KILLS + 1);
                    Thread feeder = new Thread(() -> producePaced(producer, topic, from, to), "feeder-" + run);
                    feeder.start();
                    kills.add(crashPoint != null ? CrashRuns.haltOrKill(sink, crashPoint)
                            : CrashRuns.killAfter(sink, 1_000 + random.nextInt(2_000)));
                    feeder.join();
                }
            }
            produce(producer, topic, RECORDS * KILLS / (KILLS + 1), RECORDS);
        }
        CrashRuns.lastRun(sink(table, topic, 1_000, "sink-last.log"),
                () -> awaitCaughtUp(table, topic, Duration.ofSeconds(120)));

        try (LakeStorage storage = ObjectStoreSinkProcess.open(storageArgument(), storageEnvironment());
             Lake lake = Lake.open()) {
            Path mirror = download(storage, table);
            Map<String, Object> totals = lake.query("SELECT count(*) AS n, "
                    + "count(DISTINCT (kafka_partition, kafka_offset)) AS positions FROM " + Lake.parquet(mirror, table))
                    .get(0);
            long rows = ((Number) totals.get("n")).longValue();
            long positions = ((Number) totals.get("positions")).longValue();
            System.out.printf("%s kill -9 runs=%d records=%d lost=%d duplicated=%d (seed %d)%n  kills: %s%n",
                    storageArgument().split(":")[0], kills.size(), RECORDS, RECORDS - positions, rows - positions, seed, kills);
            assertThat(positions).as("distinct Kafka records in the lake").isEqualTo(RECORDS);
            assertThat(rows).as("rows (a duplicate would exceed the records)").isEqualTo(RECORDS);
            assertThat(storage.listStaged(table + "/")).as("staged leftovers").isEmpty();
            assertThat(storage.list(table + "/_tributary/pending/")).as("pending manifests").isEmpty();
        }
        String logs = CrashRuns.sinkLogs(work);
        assertThat(logs).as("a restart finished a commit its predecessor made").contains("finished commit");
        assertThat(logs).as("a restart discarded uncommitted staged files").contains("uncommitted staged file(s)");
    }

    private HubProcess.Builder sink(String table, String topic, long maxRecords, String log) {
        return HubProcess.mainClass(ObjectStoreSinkProcess.class.getName(), kafka.bootstrapServers(), storageArgument(),
                        table, topic, Long.toString(maxRecords), "500")
                .env(storageEnvironment())
                .jvmArg("-Xmx256m").jvmArg("-XX:TieredStopAtLevel=1").jvmArg("-XX:+UseSerialGC")
                .log(work.resolve(log));
    }

    private KafkaProducer<byte[], byte[]> producer() {
        return new KafkaProducer<>(Map.of("bootstrap.servers", kafka.bootstrapServers(), "acks", "all",
                "enable.idempotence", "true"), new ByteArraySerializer(), new ByteArraySerializer());
    }

    private static void producePaced(KafkaProducer<byte[], byte[]> producer, String topic, int from, int to) {
        int steps = 25;
        for (int step = 0; step < steps; step++) {
            produce(producer, topic, from + (to - from) * step / steps, from + (to - from) * (step + 1) / steps);
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static void produce(KafkaProducer<byte[], byte[]> producer, String topic, int from, int to) {
        Instant start = Instant.parse("2026-11-21T08:00:00Z");
        for (int i = from; i < to; i++) {
            String device = "dev-" + (i % 40);
            String json = "{\"seq\":" + i + ",\"ts\":\"" + start.plusSeconds(i / 4) + "\",\"temp\":" + (i % 23) + ".5}";
            producer.send(new ProducerRecord<>(topic, device.getBytes(StandardCharsets.UTF_8),
                    json.getBytes(StandardCharsets.UTF_8)));
        }
        producer.flush();
    }

    private void awaitCaughtUp(String table, String topic, Duration timeout) throws Exception {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (int p = 0; p < PARTITIONS; p++) {
            latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
        }
        Map<TopicPartition, Long> end = new HashMap<>();
        admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS).forEach((tp, info) -> end.put(tp, info.offset()));
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Map<TopicPartition, Long> committed = new HashMap<>();
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets("tributary-lake-" + table)
                    .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
            offsets.forEach((tp, offset) -> {
                if (offset != null) {
                    committed.put(tp, offset.offset());
                }
            });
            if (committed.equals(end)) {
                return;
            }
            assertThat(System.nanoTime()).as("sink caught up with %s; committed %s", end, committed).isLessThan(deadline);
            Thread.sleep(250);
        }
    }

    /** Copies the table's published Parquet files, keeping their paths, through list and openForRead. */
    private Path download(LakeStorage storage, String table) throws Exception {
        Path mirror = Files.createTempDirectory(work, "mirror-");
        for (String path : storage.list(table + "/")) {
            if (path.endsWith(".parquet")) {
                InputFile file = storage.openForRead(path);
                byte[] bytes = new byte[Math.toIntExact(file.getLength())];
                try (SeekableInputStream in = file.newStream()) {
                    in.readFully(bytes);
                }
                Path local = mirror.resolve(path);
                Files.createDirectories(local.getParent());
                Files.write(local, bytes);
            }
        }
        return mirror;
    }
}
