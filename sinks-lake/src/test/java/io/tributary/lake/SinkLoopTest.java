package io.tributary.lake;

import static io.tributary.lake.testing.Records.record;
import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.lake.commit.CommitReference;
import io.tributary.lake.commit.DeadLetterPublisher;
import io.tributary.lake.commit.KafkaOffsetCommitter;
import io.tributary.lake.storage.StagedFile;
import io.tributary.lake.storage.local.LocalStorage;
import org.apache.parquet.io.PositionOutputStream;
import io.tributary.lake.testing.DuckDb;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.FencedInstanceIdException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The consumer loop against Kafka's MockConsumer: no broker, a fake clock. */
class SinkLoopTest {

    private static final String TOPIC = "fleet.in";
    private static final TopicPartition P0 = new TopicPartition(TOPIC, 0);
    private static final TopicPartition P1 = new TopicPartition(TOPIC, 1);
    private static final long SECOND = 1_000_000_000L;

    @TempDir
    Path lake;

    private final AtomicLong clock = new AtomicLong();
    private final Map<TopicPartition, Long> commits = new ConcurrentHashMap<>();
    private final AtomicInteger written = new AtomicInteger();
    private final List<String> reasons = new CopyOnWriteArrayList<>();
    private final List<Path> committedFiles = new CopyOnWriteArrayList<>();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    private final Map<TopicPartition, OffsetAndMetadata> commitMetadata = new ConcurrentHashMap<>();
    private final AtomicBoolean failNextCommit = new AtomicBoolean();
    private final AtomicInteger fencedCommits = new AtomicInteger();

    private final MockConsumer<byte[], byte[]> consumer = new MockConsumer<>(OffsetResetStrategy.EARLIEST) {
        @Override
        public synchronized void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets) {
            if (failNextCommit.getAndSet(false)) {
                fencedCommits.incrementAndGet();
                throw new CommitFailedException();
            }
            super.commitSync(offsets);
            offsets.forEach((partition, offset) -> commits.put(partition, offset.offset()));
            offsets.forEach((partition, offset) -> commitMetadata.put(partition, offset));
        }

        @Override
        public ConsumerRecords<byte[], byte[]> poll(Duration timeout) {
            ConsumerRecords<byte[], byte[]> records = super.poll(timeout);
            if (records.isEmpty()) {
                sleepBriefly(); // the mock never blocks; keep the loop from spinning
            }
            return records;
        }
    };
    private final MockProducer<byte[], byte[]> producer =
            new MockProducer<>(true, new ByteArraySerializer(), new ByteArraySerializer());

    private final LakeListener listener = new LakeListener() {
        @Override
        public void recordsWritten(String table, int count) {
            written.addAndGet(count);
        }

        @Override
        public void fileCommitted(String table, Path file, long records) {
            committedFiles.add(file);
        }

        @Override
        public void deadLettered(String table, String reason) {
            reasons.add(reason);
        }

        @Override
        public void sinkFailed(String table, Throwable cause) {
            failure.set(cause);
        }
    };

    private SinkLoop loop;
    private Thread thread;

    private static LakeTable table(long maxRecords) {
        return new LakeTable("fleet", TOPIC, "fleet.dlq", PartitionGranularity.HOUR,
                List.of(new LakeColumn("temp", ColumnType.DOUBLE, "/temp", true)),
                new RollPolicy(maxRecords, 64L << 20, Duration.ofSeconds(60)), null);
    }

    private void start(LakeTable table, TopicPartition... assigned) {
        Map<TopicPartition, Long> beginning = new java.util.HashMap<>();
        for (TopicPartition partition : assigned) {
            beginning.put(partition, 0L);
        }
        consumer.updateBeginningOffsets(beginning);
        consumer.schedulePollTask(() -> consumer.rebalance(List.of(assigned)));
        LocalStorage storage = new LocalStorage(lake);
        DeadLetterPublisher deadLetters = new DeadLetterPublisher(producer, "fleet.dlq", "fleet");
        loop = new SinkLoop(table, storage, consumer, deadLetters,
                new KafkaOffsetCommitter(consumer, storage, deadLetters, listener, table.name()), listener, clock::get);
        thread = new Thread(loop, "sink-loop-test");
        thread.start();
    }

    private void addGood(TopicPartition partition, long from, long to) {
        consumer.schedulePollTask(() -> {
            for (long offset = from; offset < to; offset++) {
                consumer.addRecord(record(TOPIC, partition.partition(), offset)
                        .header("ce_time", "2026-11-21T08:15:00Z").json("{\"temp\": " + offset + ".5}").build());
            }
        });
    }

    private void addBad(TopicPartition partition, long offset) {
        consumer.schedulePollTask(() -> consumer.addRecord(
                record(TOPIC, partition.partition(), offset).json("{\"temp\": \"hot\"}").build()));
    }

    private void stop() throws InterruptedException {
        loop.requestStop();
        thread.join(10_000);
        assertThat(thread.isAlive()).as("loop thread still running").isFalse();
    }

    @AfterEach
    void stopIfRunning() throws InterruptedException {
        if (thread != null && thread.isAlive()) {
            stop();
        }
    }

    /** Published data files, relative to the table folder (listed through the storage: the loop may be publishing). */
    private List<String> visibleFiles() throws Exception {
        return new LocalStorage(lake).list("fleet/").stream()
                .filter(path -> path.endsWith(".parquet"))
                .map(path -> path.substring("fleet/".length()))
                .toList();
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + 10 * SECOND;
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waiting for " + what).isLessThan(deadline);
            Thread.sleep(5);
        }
    }

    private static void sleepBriefly() {
        try {
            Thread.sleep(2);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void writesGoodRecordsDeadLettersBadOnesAndCommitsBothOnStop() throws Exception {
        start(table(1000), P0, P1);
        addGood(P0, 0, 10);
        addBad(P0, 10);
        addGood(P1, 0, 5);
        await(() -> written.get() == 15 && reasons.size() == 1, "15 rows and 1 dead letter");

        assertThat(commits).isEmpty();
        assertThat(visibleFiles()).isEmpty();
        stop();

        assertThat(commits).containsExactlyInAnyOrderEntriesOf(Map.of(P0, 11L, P1, 5L));
        assertThat(visibleFiles()).containsExactly(
                "dt=2026-11-21/hour=08/fleet.in+0+00000000000000000000.parquet",
                "dt=2026-11-21/hour=08/fleet.in+1+00000000000000000000.parquet");
        assertThat(committedFiles).hasSize(2);
        assertThat(DuckDb.count(lake, "SELECT count(DISTINCT (kafka_partition, kafka_offset)) FROM {files}"))
                .isEqualTo(15);
        assertThat(reasons).containsExactly("column 'temp' (DOUBLE at /temp): expected a number, got string \"hot\"");
        assertThat(producer.history()).hasSize(1);
        assertThat(producer.history().get(0).topic()).isEqualTo("fleet.dlq");
        assertThat(consumer.closed()).isTrue();
        assertThat(producer.closed()).isTrue();
        assertThat(failure.get()).isNull();
    }

    @Test
    void rollsByAgeWhenNoMoreRecordsArrive() throws Exception {
        start(table(1000), P0);
        addGood(P0, 0, 3);
        await(() -> written.get() == 3, "3 rows");
        Thread.sleep(50); // a few empty polls: too young to roll

        assertThat(commits).isEmpty();
        clock.addAndGet(60 * SECOND);
        // the offset is committed first, the file published right after it
        await(() -> committedFiles.size() == 1, "a commit after maxAge");

        assertThat(commits).containsEntry(P0, 3L);
        assertThat(visibleFiles()).containsExactly("dt=2026-11-21/hour=08/fleet.in+0+00000000000000000000.parquet");
    }

    @Test
    void rollsAtMaxRecordsIntoFilesNamedAfterTheirFirstOffset() throws Exception {
        start(table(10), P0);
        addGood(P0, 0, 25);
        await(() -> written.get() == 25, "25 rows");
        await(() -> commits.getOrDefault(P0, 0L) == 20L, "a commit at offset 20");
        stop();

        assertThat(commits).containsEntry(P0, 25L);
        assertThat(visibleFiles()).containsExactly(
                "dt=2026-11-21/hour=08/fleet.in+0+00000000000000000000.parquet",
                "dt=2026-11-21/hour=08/fleet.in+0+00000000000000000010.parquet",
                "dt=2026-11-21/hour=08/fleet.in+0+00000000000000000020.parquet");
        assertThat(DuckDb.query(lake, "SELECT kafka_offset // 10 AS file, count(*) AS n FROM {files} GROUP BY 1 ORDER BY 1"))
                .extracting(row -> row.get("n")).containsExactly(10L, 10L, 5L);
    }

    @Test
    void commitsARevokedPartitionBeforeItIsHandedOver() throws Exception {
        start(table(1000), P0, P1);
        addGood(P0, 0, 4);
        addGood(P1, 0, 6);
        await(() -> written.get() == 10, "10 rows");

        consumer.schedulePollTask(() -> consumer.rebalance(List.of(P1)));
        await(() -> committedFiles.size() == 1, "the revoked partition's commit");

        assertThat(commits).containsExactly(Map.entry(P0, 4L));
        assertThat(visibleFiles()).containsExactly("dt=2026-11-21/hour=08/fleet.in+0+00000000000000000000.parquet");
    }

    private StagedFile staged(LocalStorage storage, String path) throws Exception {
        var pending = storage.create(path);
        try (PositionOutputStream out = pending.outputFile().createOrOverwrite(0)) {
            out.write(1);
        }
        return pending.stage();
    }

    @Test
    void discardsStagedLeftoversOfAssignedPartitionsOnly() throws Exception {
        LocalStorage storage = new LocalStorage(lake);
        StagedFile mine = staged(storage, "fleet/dt=2026-11-20/hour=23/" + TOPIC + "+0+00000000000000000007.parquet");
        StagedFile someoneElses = staged(storage, "fleet/dt=2026-11-20/hour=23/" + TOPIC + "+5+00000000000000000007.parquet");

        start(table(1000), P0);
        await(() -> {
            try {
                return !storage.listStaged("fleet/").contains(mine);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, "the staged leftover of partition 0 to go");

        assertThat(storage.listStaged("fleet/")).containsExactly(someoneElses);
    }

    @Test
    void rereadsFromTheFirstDroppedOffsetWhenACommitIsFenced() throws Exception {
        failNextCommit.set(true);
        start(table(10), P0);
        addGood(P0, 0, 25);
        await(() -> fencedCommits.get() == 1, "the fenced commit");
        // the mock hands out each record once: offer them again, as the broker would after the seek
        addGood(P0, 0, 25);
        await(() -> commits.getOrDefault(P0, 0L) == 20L, "a commit at offset 20 after the fenced one");
        stop();

        assertThat(commits).containsEntry(P0, 25L);
        assertThat(fencedCommits.get()).isEqualTo(1);
        assertThat(DuckDb.query(lake, "SELECT count(*) AS n, count(DISTINCT kafka_offset) AS d FROM {files}").get(0))
                .containsEntry("n", 25L).containsEntry("d", 25L);
        assertThat(new LocalStorage(lake).listStaged("fleet/")).isEmpty();
    }

    @Test
    void keepsRunningAndRereadsWhenANewOwnerDiscardedItsOpenFile() throws Exception {
        start(table(10), P0);
        addGood(P0, 0, 5);
        await(() -> written.get() == 5, "5 rows in an open file");
        // what a member that took the partition over while this one was paused does to its leftovers
        LocalStorage storage = new LocalStorage(lake);
        for (StagedFile leftover : storage.listStaged("fleet/")) {
            storage.discard(leftover);
        }

        addGood(P0, 5, 15); // the roll at offset 10 finds its file gone
        await(() -> written.get() >= 10, "the rows up to the roll");
        // the mock hands out each record once: offer them again, as the broker would after the seek
        addGood(P0, 0, 15);
        await(() -> commits.getOrDefault(P0, 0L) == 10L, "a commit at offset 10 after the fence");
        stop();

        assertThat(failure.get()).as("the sink keeps running").isNull();
        assertThat(commits).containsEntry(P0, 15L);
        assertThat(DuckDb.query(lake, "SELECT count(*) AS n, count(DISTINCT kafka_offset) AS d FROM {files}").get(0))
                .containsEntry("n", 15L).containsEntry("d", 15L);
        assertThat(storage.listStaged("fleet/")).isEmpty();
    }

    @Test
    void commitsOffsetsWithAReferenceToTheirManifest() throws Exception {
        start(table(10), P0);
        addGood(P0, 0, 10);
        await(() -> commits.containsKey(P0), "a commit");
        stop();

        assertThat(CommitReference.commitId(commitMetadata.get(P0))).isPresent();
    }

    @Test
    void stopsAndDiscardsOpenFilesWithoutCommittingWhenTheDeadLetterTopicFails() throws Exception {
        producer.sendException = new KafkaException("dead-letter topic unavailable");
        start(table(1000), P0);
        addGood(P0, 0, 3);
        addBad(P0, 3);

        thread.join(10_000);

        assertThat(thread.isAlive()).isFalse();
        assertThat(failure.get()).hasMessageContaining("dead-letter topic unavailable");
        assertThat(commits).isEmpty();
        assertThat(visibleFiles()).isEmpty();
        assertThat(consumer.closed()).isTrue();
    }

    @Test
    void stopsWithoutPublishingWhenAnotherProcessTookItsStaticMemberId() throws Exception {
        start(table(1000), P0);
        addGood(P0, 0, 5);
        await(() -> written.get() == 5, "5 rows in an open file");

        // what the coordinator answers a static member whose group.instance.id a newer process presented
        consumer.schedulePollTask(() -> consumer.setPollException(new FencedInstanceIdException("replaced")));
        thread.join(10_000);

        assertThat(thread.isAlive()).isFalse();
        assertThat(failure.get()).isInstanceOf(FencedInstanceIdException.class);
        assertThat(commits).as("no offset committed: the newer process reads these records").isEmpty();
        assertThat(visibleFiles()).isEmpty();
        assertThat(new LocalStorage(lake).listStaged("fleet/")).as("the open file discarded").isEmpty();
        assertThat(consumer.closed()).isTrue();
    }
}
