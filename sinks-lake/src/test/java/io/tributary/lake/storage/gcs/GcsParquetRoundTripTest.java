package io.tributary.lake.storage.gcs;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.cloud.storage.contrib.nio.testing.LocalStorageHelper;
import io.tributary.lake.storage.PendingFile;
import io.tributary.lake.storage.StagedFile;
import java.util.HashSet;
import java.util.Set;
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
import org.junit.jupiter.api.Test;

/**
 * A Parquet file of many upload chunks through the GCS client (on google-cloud-nio's in-memory
 * fake): written through the resumable channel, invisible until published, read back with seeks
 * through openForRead. Whether the real service receives the chunks while the file is written
 * cannot be observed on the fake.
 */
class GcsParquetRoundTripTest {

    private static final int ROWS = 8_000;
    private static final Schema SCHEMA = SchemaBuilder.record("row").fields()
            .requiredLong("id").requiredString("payload").endRecord();

    @Test
    void aFileOfManyChunksReadsBackWhole() throws Exception {
        String path = "telemetry/dt=2026-11-21/t+0+00000000000000000000.parquet";
        try (GcsStorage storage = new GcsStorage(LocalStorageHelper.customOptions(false).getService(), "lake", "warehouse",
                GcsSettings.CHUNK_GRANULARITY)) {
            PendingFile pending = storage.create(path);
            try (ParquetWriter<GenericRecord> writer = AvroParquetWriter.<GenericRecord>builder(pending.outputFile())
                    .withConf(new PlainParquetConfiguration())
                    .withDataModel(GenericData.get())
                    .withSchema(SCHEMA)
                    .withCompressionCodec(CompressionCodecName.UNCOMPRESSED)
                    .withDictionaryEncoding(false)
                    .withRowGroupSize(512L * 1024)
                    .build()) {
                for (int i = 0; i < ROWS; i++) {
                    GenericRecord row = new GenericData.Record(SCHEMA);
                    row.put("id", (long) i);
                    row.put("payload", ("row-" + i + "-").repeat(40));
                    writer.write(row);
                }
            }
            StagedFile staged = pending.stage();
            assertThat(storage.list("telemetry/")).isEmpty();
            assertThat(storage.listStaged("telemetry/")).containsExactly(staged);

            storage.publish(staged);

            assertThat(storage.list("telemetry/")).containsExactly(path);
            assertThat(storage.listStaged("")).isEmpty();
            assertThat(storage.openForRead(path).getLength()).isGreaterThan(10L * GcsSettings.CHUNK_GRANULARITY);
            Set<Long> ids = new HashSet<>();
            try (ParquetReader<GenericRecord> reader = AvroParquetReader.<GenericRecord>builder(storage.openForRead(path))
                    .withDataModel(GenericData.get())
                    .withConf(new PlainParquetConfiguration())
                    .build()) {
                for (GenericRecord row = reader.read(); row != null; row = reader.read()) {
                    long id = (Long) row.get("id");
                    assertThat(row.get("payload").toString()).isEqualTo(("row-" + id + "-").repeat(40));
                    ids.add(id);
                }
            }
            assertThat(ids).hasSize(ROWS);
        }
    }
}
