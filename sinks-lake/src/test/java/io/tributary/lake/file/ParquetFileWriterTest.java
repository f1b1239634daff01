package io.tributary.lake.file;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.lake.commit.StagedDataFile;
import io.tributary.lake.storage.local.LocalStorage;
import io.tributary.lake.testing.DuckDb;
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

    private ParquetFileWriter open(String path) throws Exception {
        return ParquetFileWriter.open(new LocalStorage(lake).create(path), SCHEMA, 1 << 20);
    }

    private void publish(StagedDataFile file) throws Exception {
        new LocalStorage(lake).publish(file.file());
    }

    private static GenericRecord row(long id, String name, long at) {
        GenericData.Record row = new GenericData.Record(SCHEMA);
        row.put("id", id);
        row.put("name", name);
        row.put("ts", at);
        return row;
    }

    @Test
    void writesAFileThatDuckDbReadsBackWithTimestampsAndNulls() throws Exception {
        ParquetFileWriter writer = open("dt=2026-11-21/t+0+00000000000000000000.parquet");
        for (int i = 0; i < 1000; i++) {
            writer.write(row(i, i % 10 == 0 ? null : "n" + i, 1_795_335_300_000L + i));
        }
        StagedDataFile staged = writer.stage("dt=2026-11-21");
        publish(staged);

        assertThat(lake.resolve("dt=2026-11-21/t+0+00000000000000000000.parquet")).exists();
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
    void reportsTheStagedFilesRowsLengthAndFooter() throws Exception {
        ParquetFileWriter writer = open("dt=2026-11-21/t+0+00000000000000000000.parquet");
        for (int i = 0; i < 100; i++) {
            writer.write(row(i, "n", i));
        }

        StagedDataFile staged = writer.stage("dt=2026-11-21");

        assertThat(staged.folder()).isEqualTo("dt=2026-11-21");
        assertThat(staged.records()).isEqualTo(100);
        assertThat(staged.file().path()).isEqualTo("dt=2026-11-21/t+0+00000000000000000000.parquet");
        assertThat(staged.bytes()).isEqualTo(java.nio.file.Files.size(lake.resolve("dt=2026-11-21")
                .resolve(staged.file().token())));
        assertThat(staged.footer().getBlocks()).isNotEmpty();
        assertThat(staged.footer().getBlocks().stream().mapToLong(b -> b.getRowCount()).sum()).isEqualTo(100);
    }

    @Test
    void compressesColumnsAndMarksTimestampsAsUtcMillis() throws Exception {
        ParquetFileWriter writer = open("t+0+00000000000000000000.parquet");
        writer.write(row(1, "a", 0));
        publish(writer.stage(""));

        assertThat(DuckDb.query(lake, "SELECT DISTINCT compression FROM {metadata}"))
                .extracting(r -> r.get("compression")).containsExactly("ZSTD");
        assertThat(DuckDb.query(lake, "SELECT logical_type FROM {schema} WHERE name = 'ts'").get(0).get("logical_type"))
                .asString().contains("isAdjustedToUTC=1").contains("MILLIS");
    }

    @Test
    void aStagedFileStaysInvisibleUntilPublished() throws Exception {
        ParquetFileWriter writer = open("t+0+00000000000000000005.parquet");
        writer.write(row(1, "a", 0));
        writer.stage("");

        assertThat(lake.resolve("t+0+00000000000000000005.parquet")).doesNotExist();
    }

    @Test
    void abortPublishesNothingAndLeavesNoLeftover() throws Exception {
        ParquetFileWriter writer = open("t+0+00000000000000000000.parquet");
        writer.write(row(1, "a", 0));
        writer.abort();

        assertThat(new LocalStorage(lake).listStaged("")).isEmpty();
        assertThat(new LocalStorage(lake).list("")).isEmpty();
    }

    @Test
    void estimatesAGrowingDataSize() throws Exception {
        ParquetFileWriter writer = open("t+0+00000000000000000000.parquet");
        long empty = writer.dataSize();
        for (int i = 0; i < 5000; i++) {
            writer.write(row(i, "name-" + i, i));
        }

        assertThat(writer.dataSize()).isGreaterThan(empty).isGreaterThan(5000L * 8);
        writer.abort();
    }
}
