package io.tributary.lake.batch;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.lake.RollPolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.apache.avro.SchemaBuilder;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RollDeciderTest {

    private static final long SECOND = 1_000_000_000L;
    private final RollDecider decider = new RollDecider(new RollPolicy(100, 4096, Duration.ofSeconds(60)));

    @TempDir
    Path table;

    @Test
    void rollsWhenTheRecordLimitIsReached() {
        assertThat(decider.due(99, 0, 0)).isEmpty();
        assertThat(decider.due(100, 0, 0)).contains(RollTrigger.RECORDS);
    }

    @Test
    void rollsWhenTheByteLimitIsReached() {
        assertThat(decider.due(1, 4095, 0)).isEmpty();
        assertThat(decider.due(1, 4096, 0)).contains(RollTrigger.BYTES);
    }

    @Test
    void rollsWhenTheAgeLimitIsReached() {
        assertThat(decider.due(1, 1, 60 * SECOND - 1)).isEmpty();
        assertThat(decider.due(1, 1, 60 * SECOND)).contains(RollTrigger.AGE);
    }

    @Test
    void reportsTheFirstLimitInTheOrderRecordsBytesAge() {
        assertThat(decider.due(100, 4096, 60 * SECOND)).contains(RollTrigger.RECORDS);
        assertThat(decider.due(1, 4096, 60 * SECOND)).contains(RollTrigger.BYTES);
    }

    @Test
    void neverRollsABatchWithoutRecordsHoweverOld() {
        PartitionBatch empty = new PartitionBatch(new TopicPartition("t", 0), new io.tributary.lake.storage.local.LocalStorage(table), "fleet",
                SchemaBuilder.record("R").fields().endRecord(), 4096);

        assertThat(decider.due(empty, Long.MAX_VALUE)).isEmpty();
    }

    @Test
    void rollsABatchOfOnlyDeadLettersByAge() {
        PartitionBatch batch = new PartitionBatch(new TopicPartition("t", 0), new io.tributary.lake.storage.local.LocalStorage(table), "fleet",
                SchemaBuilder.record("R").fields().endRecord(), 4096);
        batch.skip(5, Optional.empty(), 10 * SECOND);

        assertThat(decider.dueBySize(batch)).isEmpty();
        assertThat(decider.due(batch, 69 * SECOND)).isEmpty();
        assertThat(decider.due(batch, 70 * SECOND)).contains(RollTrigger.AGE);
    }

    @Test
    void toleratesAnAgeLimitTooLongForNanoseconds() {
        RollDecider forever = new RollDecider(new RollPolicy(10, 10, Duration.ofDays(365L * 1_000_000)));

        assertThat(forever.due(1, 1, Long.MAX_VALUE - 1)).isEmpty();
    }
}
