package io.tributary.lake.batch;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.lake.storage.local.LocalStorage;
import java.nio.file.Path;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WriterCapTest {

    private static final TopicPartition P0 = new TopicPartition("t", 0);
    private static final TopicPartition P1 = new TopicPartition("t", 1);

    @Test
    void closesTheLeastRecentlyWrittenFileWhenOneMoreWouldOpen() {
        WriterCap cap = new WriterCap(2);
        assertThat(cap.beforeWrite(P0, "a")).isEmpty();
        assertThat(cap.beforeWrite(P1, "a")).isEmpty();
        assertThat(cap.beforeWrite(P0, "a")).isEmpty();
        // P1/a is now the least recently written
        assertThat(cap.beforeWrite(P0, "b")).contains(new WriterCap.OpenFile(P1, "a"));
        assertThat(cap.openFiles()).isEqualTo(2);
        assertThat(cap.beforeWrite(P1, "a")).contains(new WriterCap.OpenFile(P0, "a"));
    }

    @Test
    void neverHoldsMoreThanTheCapOverManyFolders() {
        WriterCap cap = new WriterCap(64);
        int evictions = 0;
        for (int hour = 0; hour < 5_000; hour++) {
            if (cap.beforeWrite(P0, "hour=" + hour).isPresent()) {
                evictions++;
            }
            assertThat(cap.openFiles()).isLessThanOrEqualTo(64);
        }
        assertThat(evictions).isEqualTo(5_000 - 64);
    }

    @Test
    void forgetsTheFilesOfARolledBatch() {
        WriterCap cap = new WriterCap(2);
        cap.beforeWrite(P0, "a");
        cap.beforeWrite(P0, "b");
        cap.forget(P0);
        assertThat(cap.openFiles()).isZero();
        assertThat(cap.beforeWrite(P1, "a")).isEmpty();
        assertThat(cap.beforeWrite(P1, "b")).isEmpty();
        cap.forget(P1, "a");
        assertThat(cap.beforeWrite(P1, "c")).isEmpty();
    }

    @Test
    void rollsABatchThatHoldsSixteenEarlyClosedFilesPerFileOfTheCap(@TempDir Path lake) throws Exception {
        Schema schema = SchemaBuilder.record("Row").fields().name("kafka_offset").type().longType().noDefault()
                .endRecord();
        PartitionBatch batch = new PartitionBatch(P0, new LocalStorage(lake), "fleet", schema, 1 << 20);
        WriterCap cap = new WriterCap(2);
        for (int folder = 0; folder < 32; folder++) {
            assertThat(cap.holdsTooManyClosed(batch)).as("after %d closed files", folder).isFalse();
            GenericData.Record row = new GenericData.Record(schema);
            row.put(0, (long) folder);
            batch.write("f" + folder, row, folder, Optional.empty(), 0);
            batch.closeFile("f" + folder);
        }
        assertThat(batch.closedFiles()).isEqualTo(32);
        assertThat(cap.holdsTooManyClosed(batch)).isTrue();
        batch.abort();
    }

    @Test
    void sizesRowGroupsSoTheCapsFilesShareTheRollSize() {
        assertThat(WriterCap.rowGroupBytes(128L << 20, 64)).isEqualTo(2L << 20);
        assertThat(WriterCap.rowGroupBytes(128L << 20, 1)).isEqualTo(128L << 20);
        assertThat(WriterCap.rowGroupBytes(1L << 40, 1)).isEqualTo(128L << 20);
        assertThat(WriterCap.rowGroupBytes(10_000, 64)).isEqualTo(1L << 20);
    }
}
