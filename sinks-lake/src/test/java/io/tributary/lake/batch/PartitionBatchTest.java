package io.tributary.lake.batch;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.lake.testing.DuckDb;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PartitionBatchTest {

    private static final Schema SCHEMA = SchemaBuilder.record("Row").fields()
            .name("kafka_offset").type().longType().noDefault().endRecord();

    @TempDir
    Path table;

    private PartitionBatch batch() {
        return new PartitionBatch(new TopicPartition("telemetry", 3), table, SCHEMA, 1 << 20);
    }

    private static GenericRecord row(long offset) {
        GenericData.Record row = new GenericData.Record(SCHEMA);
        row.put("kafka_offset", offset);
        return row;
    }

    private List<Path> visibleFiles() throws Exception {
        try (Stream<Path> files = Files.walk(table)) {
            return files.filter(Files::isRegularFile).map(table::relativize).sorted().toList();
        }
    }

    @Test
    void opensOneFilePerFolderNamedAfterTheFirstOffsetWrittenIntoIt() throws Exception {
        PartitionBatch batch = batch();
        batch.write("dt=2026-11-21", row(10), 10, Optional.of(1), 0);
        batch.skip(11, Optional.of(1), 0);
        batch.write("dt=2026-11-20", row(12), 12, Optional.of(1), 0);
        batch.write("dt=2026-11-21", row(13), 13, Optional.of(1), 0);

        assertThat(batch.openFiles()).isEqualTo(2);
        List<CommittedFile> files = batch.commitFiles();

        assertThat(files).extracting(CommittedFile::records).containsExactly(2L, 1L);
        assertThat(visibleFiles()).containsExactly(
                Path.of("dt=2026-11-20/telemetry+3+00000000000000000012.parquet"),
                Path.of("dt=2026-11-21/telemetry+3+00000000000000000010.parquet"));
        assertThat(DuckDb.query(table, "SELECT list(kafka_offset ORDER BY kafka_offset) AS o FROM {files}")
                .get(0).get("o").toString()).isEqualTo("[10, 12, 13]");
    }

    @Test
    void commitsUpToTheLastHandledOffsetIncludingDeadLetters() throws Exception {
        PartitionBatch batch = batch();
        batch.write("dt=2026-11-21", row(10), 10, Optional.of(4), 0);
        batch.skip(11, Optional.of(5), 0);

        assertThat(batch.nextOffset()).isEqualTo(12);
        assertThat(batch.leaderEpoch()).contains(5);
        assertThat(batch.rows()).isEqualTo(1);
    }

    @Test
    void measuresAgeFromTheFirstHandledRecord() throws Exception {
        PartitionBatch batch = batch();
        assertThat(batch.hasRecords()).isFalse();
        assertThat(batch.ageNanos(1_000)).isZero();

        batch.skip(0, Optional.empty(), 400);
        batch.skip(1, Optional.empty(), 900);

        assertThat(batch.hasRecords()).isTrue();
        assertThat(batch.ageNanos(1_000)).isEqualTo(600);
    }

    @Test
    void sumsTheSizeEstimatesOfAllOpenFiles() throws Exception {
        PartitionBatch batch = batch();
        for (int i = 0; i < 2000; i++) {
            batch.write(i % 2 == 0 ? "dt=2026-11-20" : "dt=2026-11-21", row(i), i, Optional.empty(), 0);
        }

        assertThat(batch.dataSize()).isGreaterThanOrEqualTo(2000L * 8);
        batch.abort();
    }

    @Test
    void abortLeavesNoFileBehind() throws Exception {
        PartitionBatch batch = batch();
        batch.write("dt=2026-11-21", row(1), 1, Optional.empty(), 0);
        batch.write("dt=2026-11-22", row(2), 2, Optional.empty(), 0);

        batch.abort();

        assertThat(visibleFiles()).isEmpty();
        assertThat(batch.openFiles()).isZero();
    }

    @Test
    void aBatchWithoutRowsCommitsNoFile() throws Exception {
        PartitionBatch batch = batch();
        batch.skip(4, Optional.empty(), 0);

        assertThat(batch.commitFiles()).isEmpty();
        assertThat(visibleFiles()).isEmpty();
    }
}
