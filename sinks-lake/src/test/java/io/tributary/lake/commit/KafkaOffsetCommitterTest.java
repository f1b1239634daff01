package io.tributary.lake.commit;

import static io.tributary.lake.testing.Records.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.lake.LakeListener;
import io.tributary.lake.batch.PartitionBatch;
import io.tributary.lake.storage.local.LocalStorage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.FencedInstanceIdException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaOffsetCommitterTest {

    private static final Schema SCHEMA = SchemaBuilder.record("Row").fields()
            .name("kafka_offset").type().longType().noDefault().endRecord();
    private static final TopicPartition P0 = new TopicPartition("t", 0);
    private static final TopicPartition P1 = new TopicPartition("t", 1);

    @TempDir
    Path lake;

    private final List<String> events = new ArrayList<>();
    private final List<Path> committedFiles = new ArrayList<>();
    private RuntimeException nextCommitFailure;
    private LocalStorage storage;

    /** Records each commit with what readers and recovery would see at that moment. */
    private final MockConsumer<byte[], byte[]> consumer = new MockConsumer<>(OffsetResetStrategy.EARLIEST) {
        @Override
        public synchronized void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets) {
            if (nextCommitFailure != null) {
                RuntimeException failure = nextCommitFailure;
                nextCommitFailure = null;
                throw failure;
            }
            events.add("commit " + offsets + " visible=" + visible().size() + " manifests=" + manifests(P0).size());
            super.commitSync(offsets);
        }
    };

    private final MockProducer<byte[], byte[]> producer =
            new MockProducer<>(false, new ByteArraySerializer(), new ByteArraySerializer()) {
                @Override
                public synchronized void flush() {
                    events.add("flush");
                    super.flush();
                }
            };

    private final LakeListener listener = new LakeListener() {
        @Override
        public void fileCommitted(String name, Path file, long records) {
            committedFiles.add(file);
        }
    };

    private final DeadLetterPublisher deadLetters = new DeadLetterPublisher(producer, "t.dlq", "fleet");

    private KafkaOffsetCommitter committer() {
        storage = new LocalStorage(lake);
        return new KafkaOffsetCommitter(consumer, storage, deadLetters, listener, "fleet");
    }

    private KafkaOffsetCommitter committer;

    @BeforeEach
    void createCommitter() {
        consumer.assign(List.of(P0, P1)); // the mock reports committed offsets of assigned partitions only
        committer = committer();
    }

    private List<String> visible() {
        try {
            return storage.list("fleet/").stream().filter(p -> p.endsWith(".parquet")).toList();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private List<String> manifests(TopicPartition partition) {
        try {
            return new ManifestStore(storage, "fleet").list(partition);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private PartitionBatch batchWithRows(TopicPartition partition, long... offsets) throws Exception {
        PartitionBatch batch = new PartitionBatch(partition, storage, "fleet", SCHEMA, 1 << 20);
        for (long offset : offsets) {
            GenericData.Record row = new GenericData.Record(SCHEMA);
            row.put("kafka_offset", offset);
            batch.write("dt=2026-11-21", row, offset, Optional.of(3), 0);
        }
        return batch;
    }

    private RolledBatch rolled(TopicPartition partition, long... offsets) throws Exception {
        return batchWithRows(partition, offsets).roll();
    }

    @Test
    void commitsTheOffsetWithItsManifestThenPublishesTheFilesAndDeletesTheManifest() throws Exception {
        PartitionBatch batch = batchWithRows(P0, 5, 6);
        deadLetters.publish(record("t", 0, 7).build(), "bad");
        batch.skip(7, Optional.of(3), 0);

        committer.stage(batch.roll());
        assertThat(events).isEmpty();
        assertThat(committer.commitStaged()).isTrue();

        assertThat(events).hasSize(2);
        assertThat(events.get(0)).isEqualTo("flush");
        assertThat(events.get(1)).as("at commit time: nothing visible, the manifest written")
                .startsWith("commit {t-0=OffsetAndMetadata{offset=8, leaderEpoch=3, metadata='tributary:v1:")
                .endsWith("visible=0 manifests=1");
        OffsetAndMetadata committed = consumer.committed(java.util.Set.of(P0)).get(P0);
        assertThat(CommitReference.commitId(committed)).isPresent();
        assertThat(visible()).containsExactly("fleet/dt=2026-11-21/t+0+00000000000000000005.parquet");
        assertThat(manifests(P0)).isEmpty();
        assertThat(storage.listStaged("fleet/")).isEmpty();
        assertThat(committedFiles).containsExactly(Path.of("fleet/dt=2026-11-21/t+0+00000000000000000005.parquet"));
    }

    @Test
    void oneCommitCoversEveryBatchStagedForAPartition() throws Exception {
        committer.stage(rolled(P0, 1, 2));
        committer.stage(rolled(P0, 3));
        committer.stage(rolled(P1, 10));

        assertThat(committer.commitStaged()).isTrue();

        Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(java.util.Set.of(P0, P1));
        assertThat(committed.get(P0).offset()).isEqualTo(4);
        assertThat(committed.get(P1).offset()).isEqualTo(11);
        assertThat(visible()).containsExactly("fleet/dt=2026-11-21/t+0+00000000000000000001.parquet",
                "fleet/dt=2026-11-21/t+0+00000000000000000003.parquet",
                "fleet/dt=2026-11-21/t+1+00000000000000000010.parquet");
    }

    @Test
    void aBatchOfDeadLettersOnlyCommitsItsOffsetWithoutAManifest() throws Exception {
        PartitionBatch batch = new PartitionBatch(P0, storage, "fleet", SCHEMA, 1 << 20);
        batch.skip(0, Optional.empty(), 0);
        committer.stage(batch.roll());

        assertThat(committer.commitStaged()).isTrue();

        assertThat(consumer.committed(java.util.Set.of(P0)).get(P0)).isEqualTo(new OffsetAndMetadata(1, ""));
        assertThat(events.get(events.size() - 1)).endsWith("manifests=0");
    }

    @Test
    void commitsNothingWhenTheDeadLetterTopicRejectedARecord() throws Exception {
        PartitionBatch batch = batchWithRows(P0, 1);
        deadLetters.publish(record("t", 0, 2).build(), "bad");
        batch.skip(2, Optional.empty(), 0);
        committer.stage(batch.roll());
        producer.errorNext(new KafkaException("topic authorization failed"));

        assertThatThrownBy(committer::commitStaged).hasMessageContaining("topic authorization failed");

        assertThat(consumer.committed(java.util.Set.of(P0))).isEmpty();
        assertThat(visible()).isEmpty();
        assertThat(committedFiles).isEmpty();
    }

    @Test
    void aFencedMemberDiscardsItsStagedFilesAndManifestsAndPublishesNothing() throws Exception {
        committer.stage(rolled(P0, 1, 2));
        committer.stage(rolled(P1, 7));
        nextCommitFailure = new CommitFailedException();

        assertThat(committer.commitStaged()).isFalse();

        assertThat(visible()).isEmpty();
        assertThat(storage.listStaged("fleet/")).isEmpty();
        assertThat(manifests(P0)).isEmpty();
        assertThat(committer.hasStaged()).isFalse();
        assertThat(committedFiles).isEmpty();
        assertThat(committer.commitStaged()).as("nothing left to retry").isTrue();
        assertThat(consumer.committed(java.util.Set.of(P0, P1))).isEmpty();
    }

    @Test
    void aReplacedStaticMemberIsFencedToo() throws Exception {
        committer.stage(rolled(P0, 1));
        nextCommitFailure = new FencedInstanceIdException("replaced");

        assertThat(committer.commitStaged()).isFalse();

        assertThat(visible()).isEmpty();
        assertThat(storage.listStaged("fleet/")).isEmpty();
    }

    @Test
    void leavesACommitOfUnknownOutcomeToRecoveryWhichRollsItForwardIfKafkaHasIt() throws Exception {
        committer.stage(rolled(P0, 1, 2));
        // the broker wrote the commit but the answer never came back
        nextCommitFailure = new TimeoutException("commit timed out");
        List<String> written = new ArrayList<>();
        assertThatThrownBy(committer::commitStaged).isInstanceOf(TimeoutException.class);
        written.addAll(manifests(P0));
        assertThat(written).hasSize(1);
        committer.discard(List.of(P0)); // a failing sink discards: the unknown commit must survive it
        assertThat(storage.listStaged("fleet/")).hasSize(1);
        consumer.commitSync(Map.of(P0, new OffsetAndMetadata(3, CommitReference.metadata(written.get(0)))));

        KafkaOffsetCommitter nextOwner = new KafkaOffsetCommitter(consumer, storage, deadLetters, listener, "fleet");
        assertThat(nextOwner.recover(List.of(P0))).isEmpty();

        assertThat(visible()).containsExactly("fleet/dt=2026-11-21/t+0+00000000000000000001.parquet");
        assertThat(manifests(P0)).isEmpty();
        assertThat(storage.listStaged("fleet/")).isEmpty();
        assertThat(committedFiles).hasSize(1);
    }

    @Test
    void recoveryDiscardsACommitOfUnknownOutcomeThatKafkaDoesNotHave() throws Exception {
        committer.stage(rolled(P0, 1, 2));
        nextCommitFailure = new TimeoutException("commit timed out");
        assertThatThrownBy(committer::commitStaged).isInstanceOf(TimeoutException.class);

        committer().recover(List.of(P0));

        assertThat(visible()).isEmpty();
        assertThat(manifests(P0)).isEmpty();
        assertThat(storage.listStaged("fleet/")).isEmpty();
    }

    @Test
    void retriesACommitThatAWakeUpInterrupted() throws Exception {
        committer.stage(rolled(P0, 1));
        nextCommitFailure = new WakeupException();

        assertThat(committer.commitStaged()).isTrue();
        assertThat(consumer.committed(java.util.Set.of(P0)).get(P0).offset()).isEqualTo(2);
    }

    @Test
    void discardsStagedBatchesOfLostPartitionsOnly() throws Exception {
        committer.stage(rolled(P0, 1));
        committer.stage(rolled(P1, 10));

        committer.discard(List.of(P0));
        committer.commitStaged();

        assertThat(consumer.committed(java.util.Set.of(P0, P1))).containsOnlyKeys(P1);
        assertThat(visible()).containsExactly("fleet/dt=2026-11-21/t+1+00000000000000000010.parquet");
        assertThat(storage.listStaged("fleet/")).isEmpty();
    }
}
