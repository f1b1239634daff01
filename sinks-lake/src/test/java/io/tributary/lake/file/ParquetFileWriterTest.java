package io.tributary.lake.file;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.lake.testing.DuckDb;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParquetFileWriterTest {

    private static final Schema SCHEMA = SchemaBuilder.record("Row").fields()
            .name("id").type().longType().noDefault()
            .name("name").type().nullable().stringType().noDefault()
            .name("ts").type(LogicalTypes.timestampMillis().addToSchema(Schema.create(Schema.Type.LONG))).noDefault()
            .endRecord();

    @TempDir
    Path lake;

    private static GenericRecord row(long id, String name, long at) {
        GenericData.Record row = new GenericData.Record(SCHEMA);
        row.put("id", id);
        row.put("name", name);
        row.put("ts", at);
        return row;
    }

    @Test
    void writesAFileThatDuckDbReadsBackWithTimestampsAndNulls() throws Exception {
        Path dir = lake.resolve("dt=2026-11-21");
        ParquetFileWriter writer = ParquetFileWriter.open(dir, "t+0+00000000000000000000.parquet", SCHEMA, 1 << 20);
        for (int i = 0; i < 1000; i++) {
            writer.write(row(i, i % 10 == 0 ? null : "n" + i, 1_795_335_300_000L + i));
        }
        Path file = writer.commit();

        assertThat(file).isEqualTo(dir.resolve("t+0+00000000000000000000.parquet")).exists();
        assertThat(writer.records()).isEqualTo(1000);
        List<Map<String, Object>> stats = DuckDb.query(lake, "SELECT count(*) AS n, sum(id) AS ids,"
                + " count(name) AS names, min(epoch_ms(ts)) AS first_at, max(epoch_ms(ts)) AS last_at FROM {files}");
        assertThat(stats.get(0)).containsEntry("n", 1000L)
                .containsEntry("names", 900L)
                .containsEntry("first_at", 1_795_335_300_000L)
                .containsEntry("last_at", 1_795_335_300_999L);
        assertThat(((Number) stats.get(0).get("ids")).longValue()).isEqualTo(499_500L);
        assertThat(DuckDb.query(lake, "SELECT name FROM {files} WHERE id = 7").get(0)).containsEntry("name", "n7");
    }

    @Test
    void compressesColumnsAndMarksTimestampsAsUtcMillis() throws Exception {
        ParquetFileWriter writer = ParquetFileWriter.open(lake, "t+0+00000000000000000000.parquet", SCHEMA, 1 << 20);
        writer.write(row(1, "a", 0));
        writer.commit();

        assertThat(DuckDb.query(lake, "SELECT DISTINCT compression FROM {metadata}"))
                .extracting(r -> r.get("compression")).containsExactly("ZSTD");
        assertThat(DuckDb.query(lake, "SELECT logical_type FROM {schema} WHERE name = 'ts'").get(0).get("logical_type"))
                .asString().contains("isAdjustedToUTC=1").contains("MILLIS");
    }

    @Test
    void keepsTheFileHiddenUnderItsTemporaryNameUntilCommitted() throws Exception {
        ParquetFileWriter writer = ParquetFileWriter.open(lake, "t+0+00000000000000000005.parquet", SCHEMA, 1 << 20);
        writer.write(row(1, "a", 0));

        assertThat(writer.tempPath()).exists();
        assertThat(writer.tempPath().getFileName().toString()).isEqualTo(".t+0+00000000000000000005.parquet.tmp");
        assertThat(writer.finalPath()).doesNotExist();

        writer.commit();

        assertThat(writer.tempPath()).doesNotExist();
        assertThat(writer.finalPath()).exists();
    }

    @Test
    void replacesAFileOfAnEarlierUncommittedAttemptWithTheSameName() throws Exception {
        String name = "t+0+00000000000000000000.parquet";
        ParquetFileWriter first = ParquetFileWriter.open(lake, name, SCHEMA, 1 << 20);
        for (int i = 0; i < 10; i++) {
            first.write(row(i, "first", 0));
        }
        first.commit();
        ParquetFileWriter replay = ParquetFileWriter.open(lake, name, SCHEMA, 1 << 20);
        for (int i = 0; i < 4; i++) {
            replay.write(row(i, "replay", 0));
        }
        replay.commit();

        assertThat(DuckDb.query(lake, "SELECT count(*) AS n, min(name) AS name FROM {files}").get(0))
                .containsEntry("n", 4L).containsEntry("name", "replay");
    }

    @Test
    void replacesAStaleTemporaryFileWhenOpening() throws Exception {
        String name = "t+0+00000000000000000000.parquet";
        Files.writeString(lake.resolve(FileNamer.tempName(name)), "garbage from a crashed writer");
        ParquetFileWriter writer = ParquetFileWriter.open(lake, name, SCHEMA, 1 << 20);
        writer.write(row(1, "a", 0));
        writer.commit();

        assertThat(DuckDb.count(lake, "SELECT count(*) FROM {files}")).isEqualTo(1);
    }

    @Test
    void abortDeletesTheTemporaryFileAndPublishesNothing() throws Exception {
        ParquetFileWriter writer = ParquetFileWriter.open(lake, "t+0+00000000000000000000.parquet", SCHEMA, 1 << 20);
        writer.write(row(1, "a", 0));
        writer.abort();

        assertThat(writer.tempPath()).doesNotExist();
        assertThat(writer.finalPath()).doesNotExist();
    }

    @Test
    void estimatesAGrowingDataSize() throws Exception {
        ParquetFileWriter writer = ParquetFileWriter.open(lake, "t+0+00000000000000000000.parquet", SCHEMA, 1 << 20);
        long empty = writer.dataSize();
        for (int i = 0; i < 5000; i++) {
            writer.write(row(i, "name-" + i, i));
        }

        assertThat(writer.dataSize()).isGreaterThan(empty).isGreaterThan(5000L * 8);
        writer.abort();
    }
}
