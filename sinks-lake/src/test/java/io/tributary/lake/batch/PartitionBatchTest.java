package io.tributary.lake.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.lake.commit.RolledBatch;
import io.tributary.lake.commit.StagedDataFile;
import io.tributary.lake.storage.local.LocalStorage;
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
    Path lake;

    private LocalStorage storage() {
        return new LocalStorage(lake);
    }

    private PartitionBatch batch() {
        return new PartitionBatch(new TopicPartition("telemetry", 3), storage(), "fleet", SCHEMA, 1 << 20);
    }

    private static GenericRecord row(long offset) {
        GenericData.Record row = new GenericData.Record(SCHEMA);
        row.put("kafka_offset", offset);
        return row;
    }

    private void publish(RolledBatch rolled) throws Exception {
        for (StagedDataFile file : rolled.files()) {
            storage().publish(file.file());
        }
    }

    private List<Path> filesOnDisk() throws Exception {
        try (Stream<Path> files = Files.walk(lake)) {
            return files.filter(Files::isRegularFile).map(lake::relativize).sorted().toList();
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
        RolledBatch rolled = batch.roll();

        assertThat(rolled.firstOffset()).isEqualTo(10);
        assertThat(rolled.nextOffset()).isEqualTo(14);
        assertThat(rolled.records()).isEqualTo(3);
        assertThat(rolled.files()).extracting(StagedDataFile::folder).containsExactly("dt=2026-11-21", "dt=2026-11-20");
        assertThat(rolled.files()).extracting(StagedDataFile::records).containsExactly(2L, 1L);
        assertThat(storage().list("fleet/")).as("staged files are invisible").isEmpty();
        publish(rolled);
        assertThat(filesOnDisk()).containsExactly(
                Path.of("fleet/dt=2026-11-20/telemetry+3+00000000000000000012.parquet"),
                Path.of("fleet/dt=2026-11-21/telemetry+3+00000000000000000010.parquet"));
        assertThat(DuckDb.query(lake, "SELECT list(kafka_offset ORDER BY kafka_offset) AS o FROM {files}")
                .get(0).get("o").toString()).isEqualTo("[10, 12, 13]");
    }

    @Test
    void closesOneFolderEarlyAndStartsItsNextFileAtItsNextOffset() throws Exception {
        PartitionBatch batch = batch();
        batch.write("dt=2026-11-21", row(10), 10, Optional.empty(), 0);
        batch.write("dt=2026-11-20", row(11), 11, Optional.empty(), 0);

        batch.closeFile("dt=2026-11-21");
        batch.closeFile("dt=2026-11-19"); // no open file there: nothing happens

        assertThat(batch.openFiles()).isEqualTo(1);
        assertThat(batch.openFolders()).containsExactly("dt=2026-11-20");
        batch.write("dt=2026-11-21", row(12), 12, Optional.empty(), 0);
        RolledBatch rolled = batch.roll();

        assertThat(rolled.files()).extracting(file -> file.file().path()).containsExactly(
                "fleet/dt=2026-11-21/telemetry+3+00000000000000000010.parquet",
                "fleet/dt=2026-11-20/telemetry+3+00000000000000000011.parquet",
                "fleet/dt=2026-11-21/telemetry+3+00000000000000000012.parquet");
        assertThat(rolled.firstOffset()).isEqualTo(10);
        assertThat(rolled.nextOffset()).isEqualTo(13);
        publish(rolled);
        assertThat(DuckDb.count(lake, "SELECT count(DISTINCT kafka_offset) FROM {files}")).isEqualTo(3);
    }

    @Test
    void commitsUpToTheLastHandledOffsetIncludingDeadLetters() throws Exception {
        PartitionBatch batch = batch();
        batch.write("dt=2026-11-21", row(10), 10, Optional.of(4), 0);
        batch.skip(11, Optional.of(5), 0);

        assertThat(batch.firstOffset()).isEqualTo(10);
        assertThat(batch.nextOffset()).isEqualTo(12);
        assertThat(batch.leaderEpoch()).contains(5);
        assertThat(batch.rows()).isEqualTo(1);
        assertThat(batch.roll().leaderEpoch()).contains(5);
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
    void abortLeavesNoFileBehindOpenOrClosedEarly() throws Exception {
        PartitionBatch batch = batch();
        batch.write("dt=2026-11-21", row(1), 1, Optional.empty(), 0);
        batch.write("dt=2026-11-22", row(2), 2, Optional.empty(), 0);
        batch.closeFile("dt=2026-11-21");

        batch.abort();

        assertThat(filesOnDisk()).isEmpty();
        assertThat(batch.openFiles()).isZero();
    }

    @Test
    void aBatchWithoutRowsRollsWithNoFile() throws Exception {
        PartitionBatch batch = batch();
        batch.skip(4, Optional.empty(), 0);

        RolledBatch rolled = batch.roll();

        assertThat(rolled.files()).isEmpty();
        assertThat(rolled.nextOffset()).isEqualTo(5);
        assertThat(filesOnDisk()).isEmpty();
    }

    @Test
    void aBatchWithoutRecordsCannotRoll() {
        assertThatThrownBy(() -> batch().roll()).isInstanceOf(IllegalStateException.class);
    }
}
