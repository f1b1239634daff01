package io.tributary.lake.batch;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.lake.commit.RolledBatch;
import io.tributary.lake.commit.StagedDataFile;
import io.tributary.lake.storage.local.LocalStorage;
import java.nio.file.Path;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A batch's files follow the schema of their rows: a wider schema starts a new file once per folder. */
class PartitionBatchSchemaTest {

    private static final Schema NARROW = SchemaBuilder.record("Row").fields()
            .name("kafka_offset").type().longType().noDefault().endRecord();
    private static final Schema WIDE = SchemaBuilder.record("Row").fields()
            .name("kafka_offset").type().longType().noDefault()
            .name("hum").type().optional().longType().endRecord();

    @TempDir
    Path lake;

    private static GenericRecord row(Schema schema, long offset) {
        GenericData.Record row = new GenericData.Record(schema);
        row.put("kafka_offset", offset);
        return row;
    }

    @Test
    void closesAFoldersFileOnceWhenItsRowsWidenAndKeepsBothInTheBatch() throws Exception {
        PartitionBatch batch = new PartitionBatch(new TopicPartition("t", 0), new LocalStorage(lake), "fleet", NARROW,
                1 << 20);
        batch.write("a", row(NARROW, 0), 0, Optional.empty(), 0);
        batch.write("b", row(NARROW, 1), 1, Optional.empty(), 0);
        batch.write("a", row(WIDE, 2), 2, Optional.empty(), 0);
        for (long offset = 3; offset < 1_000; offset++) {
            batch.write(offset % 2 == 0 ? "a" : "b", row(WIDE, offset), offset, Optional.empty(), 0);
        }

        assertThat(batch.openFiles()).isEqualTo(2);
        RolledBatch rolled = batch.roll();
        assertThat(rolled.files()).extracting(StagedDataFile::folder).containsExactly("a", "b", "a", "b");
        assertThat(rolled.files()).extracting(f -> f.file().path()).containsExactly(
                "fleet/a/t+0+00000000000000000000.parquet", "fleet/b/t+0+00000000000000000001.parquet",
                "fleet/a/t+0+00000000000000000002.parquet", "fleet/b/t+0+00000000000000000003.parquet");
        assertThat(rolled.files()).extracting(StagedDataFile::records).containsExactly(1L, 1L, 499L, 499L);
        assertThat(rolled.files().get(2).footer().getFileMetaData().getSchema().containsField("hum")).isTrue();
        assertThat(rolled.files().get(0).footer().getFileMetaData().getSchema().containsField("hum")).isFalse();
    }
}
