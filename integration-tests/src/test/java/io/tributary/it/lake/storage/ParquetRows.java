package io.tributary.it.lake.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.lake.storage.LakeStorage;
import io.tributary.lake.storage.PendingFile;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import java.util.function.IntConsumer;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * Rows of (id, 400 random letters), written uncompressed so a file's size is predictable
 * (about rows * 400 bytes) and spans several parts or blocks; read back and checked row by row.
 */
final class ParquetRows {

    static final int PAYLOAD_BYTES = 400;
    private static final Schema SCHEMA = SchemaBuilder.record("row").fields()
            .requiredLong("id").requiredString("payload").endRecord();

    private ParquetRows() {
    }

    /** Writes {@code rows} rows into the pending file; {@code atRow} is called before each row (for probes). */
    static void write(PendingFile pending, int rows, IntConsumer atRow) throws IOException {
        Random random = new Random(42);
        try (ParquetWriter<GenericRecord> writer = AvroParquetWriter.<GenericRecord>builder(pending.outputFile())
                .withConf(new PlainParquetConfiguration())
                .withDataModel(GenericData.get())
                .withSchema(SCHEMA)
                .withCompressionCodec(CompressionCodecName.UNCOMPRESSED)
                .withDictionaryEncoding(false)
                // small row groups: they complete, and leave the process, while the file is written
                .withRowGroupSize(1L << 20)
                .build()) {
            for (int i = 0; i < rows; i++) {
                atRow.accept(i);
                GenericRecord row = new GenericData.Record(SCHEMA);
                row.put("id", (long) i);
                row.put("payload", randomText(random));
                writer.write(row);
            }
        }
    }

    /** Every row is there exactly once, read through the storage's openForRead and parquet-avro. */
    static void assertReadBack(LakeStorage storage, String path, int rows) throws IOException {
        Set<Long> ids = new HashSet<>();
        long payloadBytes = 0;
        try (ParquetReader<GenericRecord> reader = AvroParquetReader.<GenericRecord>builder(storage.openForRead(path))
                .withDataModel(GenericData.get())
                .withConf(new PlainParquetConfiguration())
                .build()) {
            for (GenericRecord row = reader.read(); row != null; row = reader.read()) {
                ids.add((Long) row.get("id"));
                payloadBytes += row.get("payload").toString().length();
            }
        }
        assertThat(ids).hasSize(rows).contains(0L, (long) rows - 1);
        assertThat(payloadBytes).isEqualTo((long) rows * PAYLOAD_BYTES);
    }

    /** The same check with DuckDB on a local copy of the file. */
    static void assertReadBackWithDuckDb(Path file, int rows) throws Exception {
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
             Statement statement = duck.createStatement();
             ResultSet result = statement.executeQuery("SELECT count(*), count(DISTINCT id), min(id), max(id), "
                     + "sum(length(payload)) FROM read_parquet('" + file + "')")) {
            assertThat(result.next()).isTrue();
            assertThat(result.getLong(1)).isEqualTo(rows);
            assertThat(result.getLong(2)).isEqualTo(rows);
            assertThat(result.getLong(3)).isZero();
            assertThat(result.getLong(4)).isEqualTo(rows - 1);
            assertThat(result.getLong(5)).isEqualTo((long) rows * PAYLOAD_BYTES);
        }
    }

    private static String randomText(Random random) {
        char[] chars = new char[PAYLOAD_BYTES];
        for (int i = 0; i < chars.length; i++) {
            chars[i] = (char) ('a' + random.nextInt(26));
        }
        return new String(chars);
    }
}
