package io.tributary.lake.commit;

import static io.tributary.lake.testing.Records.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.lake.LakeListener;
import io.tributary.lake.batch.PartitionBatch;
import java.nio.file.Files;
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
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommitterTest {

    private static final Schema SCHEMA = SchemaBuilder.record("Row").fields()
            .name("kafka_offset").type().longType().noDefault().endRecord();
    private static final TopicPartition P0 = new TopicPartition("t", 0);

    @TempDir
    Path table;

    private final List<String> events = new ArrayList<>();
    private final List<Path> committedFiles = new ArrayList<>();
    private final Map<TopicPartition, Long> committedOffsets = new java.util.HashMap<>();
    private RuntimeException nextCommitFailure;

    /** Records each commit, with the number of data files visible at that moment. */
    private final MockConsumer<byte[], byte[]> consumer = new MockConsumer<>(OffsetResetStrategy.EARLIEST) {
        @Override
        public synchronized void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets) {
            if (nextCommitFailure != null) {
                RuntimeException failure = nextCommitFailure;
                nextCommitFailure = null;
                throw failure;
            }
            events.add("commit " + offsets + " visible=" + visibleFileCount());
            offsets.forEach((partition, offset) -> committedOffsets.put(partition, offset.offset()));
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
    private final Committer committer = new Committer(consumer, deadLetters, listener, "fleet");

    private long visibleFileCount() {
        try (var files = Files.walk(table)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".parquet")).count();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private PartitionBatch batchWithRows(TopicPartition partition, long... offsets) throws Exception {
        PartitionBatch batch = new PartitionBatch(partition, table, SCHEMA, 1 << 20);
        for (long offset : offsets) {
            GenericData.Record row = new GenericData.Record(SCHEMA);
            row.put("kafka_offset", offset);
            batch.write("dt=2026-11-21", row, offset, Optional.of(3), 0);
        }
        return batch;
    }

    @Test
    void commitsTheNextOffsetOnlyAfterTheFilesAreVisibleAndDeadLettersFlushed() throws Exception {
        PartitionBatch batch = batchWithRows(P0, 5, 6);
        deadLetters.publish(record("t", 0, 7).build(), "bad");
        batch.skip(7, Optional.of(3), 0);

        committer.stage(batch);
        assertThat(events).isEmpty();
        assertThat(committer.commitStaged()).isTrue();

        assertThat(events).containsExactly("flush", "commit {t-0=OffsetAndMetadata{offset=8, leaderEpoch=3,"
                + " metadata=''}} visible=1");
        assertThat(committedOffsets).containsExactly(Map.entry(P0, 8L));
        assertThat(committedFiles).containsExactly(table.resolve("dt=2026-11-21/t+0+00000000000000000005.parquet"));
    }

    @Test
    void commitsNothingWhenTheDeadLetterTopicRejectedARecord() throws Exception {
        PartitionBatch batch = batchWithRows(P0, 1);
        deadLetters.publish(record("t", 0, 2).build(), "bad");
        batch.skip(2, Optional.empty(), 0);
        committer.stage(batch);
        producer.errorNext(new KafkaException("topic authorization failed"));

        assertThatThrownBy(committer::commitStaged).hasMessageContaining("topic authorization failed");

        assertThat(committedOffsets).isEmpty();
        assertThat(committedFiles).isEmpty();
    }

    @Test
    void keepsOffsetsStagedWhenACommitFailsDuringARebalanceAndRetriesThem() throws Exception {
        committer.stage(batchWithRows(P0, 1, 2));
        nextCommitFailure = new CommitFailedException();

        assertThat(committer.commitStaged()).isFalse();
        assertThat(committer.hasStaged()).isTrue();
        assertThat(committedFiles).isEmpty();

        assertThat(committer.commitStaged()).isTrue();
        assertThat(committedOffsets).containsExactly(Map.entry(P0, 3L));
        assertThat(committedFiles).hasSize(1);
    }

    @Test
    void retriesACommitThatAWakeUpInterrupted() throws Exception {
        committer.stage(batchWithRows(P0, 1));
        nextCommitFailure = new WakeupException();

        assertThat(committer.commitStaged()).isTrue();
        assertThat(committedOffsets).containsExactly(Map.entry(P0, 2L));
    }

    @Test
    void discardsStagedOffsetsOfLostPartitionsOnly() throws Exception {
        TopicPartition p1 = new TopicPartition("t", 1);
        committer.stage(batchWithRows(P0, 1));
        committer.stage(batchWithRows(p1, 10));

        committer.discard(List.of(P0));
        committer.commitStaged();

        assertThat(committedOffsets).containsOnlyKeys(p1);
        assertThat(committedFiles).containsExactly(table.resolve("dt=2026-11-21/t+1+00000000000000000010.parquet"));
    }

    @Test
    void stagingAFreshBatchCommitsNothing() throws Exception {
        committer.stage(new PartitionBatch(P0, table, SCHEMA, 1 << 20));

        assertThat(committer.hasStaged()).isFalse();
    }
}
