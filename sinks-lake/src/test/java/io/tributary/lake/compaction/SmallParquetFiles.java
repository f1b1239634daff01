package io.tributary.lake.compaction;

import io.tributary.lake.EnvelopeColumns;
import io.tributary.lake.file.FileNamer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;

/** Writes sink-shaped Parquet files (envelope columns plus a measurement) named as the sink names them. */
final class SmallParquetFiles {

    /** 2026-01-05T08:15:00Z: its hour ended long ago, so its partition is closed. */
    static final long EVENT = Instant.parse("2026-01-05T08:15:00Z").toEpochMilli();
    static final String HOUR_FOLDER = "dt=2026-01-05/hour=08";
    static final Schema SCHEMA = schema(false);
    static final Schema WIDER = schema(true);

    private SmallParquetFiles() {
    }

    private static Schema schema(boolean withHumidity) {
        Schema millis = LogicalTypes.timestampMillis().addToSchema(Schema.create(Schema.Type.LONG));
        SchemaBuilder.FieldAssembler<Schema> fields = SchemaBuilder.record("Row").namespace("io.tributary.lake").fields()
                .name(EnvelopeColumns.DEVICE_ID).type().nullable().stringType().noDefault()
                .name(EnvelopeColumns.EVENT_TIME).type(millis).noDefault()
                .name(EnvelopeColumns.INGEST_TIME).type(millis).noDefault()
                .name(EnvelopeColumns.SOURCE).type().nullable().stringType().noDefault()
                .name(EnvelopeColumns.KAFKA_PARTITION).type().intType().noDefault()
                .name(EnvelopeColumns.KAFKA_OFFSET).type().longType().noDefault()
                .name("temp").type().nullable().doubleType().noDefault();
        if (withHumidity) {
            fields = fields.name("humidity").type().nullable().doubleType().noDefault();
        }
        return fields.endRecord();
    }

    /**
     * Writes {@code files} files of {@code rows} rows each into {@code folder}, Kafka partition
     * {@code partition}, offsets from {@code firstOffset} on.
     *
     * @return the next offset
     */
    static long write(Path folder, String topic, int partition, long firstOffset, int files, int rows) throws IOException {
        long offset = firstOffset;
        for (int i = 0; i < files; i++) {
            offset = writeOne(folder, topic, partition, offset, rows, SCHEMA);
        }
        return offset;
    }

    static long writeOne(Path folder, String topic, int partition, long firstOffset, int rows, Schema schema)
            throws IOException {
        Files.createDirectories(folder);
        Path file = folder.resolve(FileNamer.finalName(topic, partition, firstOffset));
        try (ParquetWriter<GenericRecord> writer = AvroParquetWriter.<GenericRecord>builder(new LocalOutputFile(file))
                .withConf(new PlainParquetConfiguration()).withDataModel(GenericData.get()).withSchema(schema)
                .withCompressionCodec(CompressionCodecName.ZSTD).build()) {
            for (long offset = firstOffset; offset < firstOffset + rows; offset++) {
                GenericRecord row = new GenericData.Record(schema);
                row.put(EnvelopeColumns.DEVICE_ID, "truck-" + (offset % 7));
                row.put(EnvelopeColumns.EVENT_TIME, EVENT + offset);
                row.put(EnvelopeColumns.INGEST_TIME, EVENT + 2 * offset);
                row.put(EnvelopeColumns.SOURCE, offset % 3 == 0 ? null : "fleet-mqtt");
                row.put(EnvelopeColumns.KAFKA_PARTITION, partition);
                row.put(EnvelopeColumns.KAFKA_OFFSET, offset);
                row.put("temp", offset % 5 == 0 ? null : 20.0 + (offset * 37 % 1000) / 100.0);
                if (schema.getField("humidity") != null) {
                    row.put("humidity", offset / 1000.0);
                }
                writer.write(row);
            }
        }
        return firstOffset + rows;
    }
}
