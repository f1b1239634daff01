package io.tributary.it.lake.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.lake.storage.PendingFile;
import io.tributary.lake.storage.StagedFile;
import io.tributary.lake.storage.s3.S3Settings;
import io.tributary.lake.storage.s3.S3Storage;
import io.tributary.testkit.S3MockServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.MultipartUpload;

/**
 * A Parquet file of several parts leaves the process while it is written: parts are uploaded as
 * row groups complete, before the file is staged, and the published object reads back whole.
 */
class S3MultipartStreamingIT {

    private static final String BUCKET = "streaming-lake";
    private static final int ROWS = 60_000;
    private static final int PAYLOAD_BYTES = 400;
    private static final Schema SCHEMA = SchemaBuilder.record("row").fields()
            .requiredLong("id").requiredString("payload").endRecord();

    private static S3MockServer s3;

    @BeforeAll
    static void startS3() throws InterruptedException {
        s3 = S3MockServer.start(BUCKET);
    }

    @AfterAll
    static void stopS3() {
        if (s3 != null) {
            s3.close();
        }
    }

    @Test
    void uploadsPartsWhileWritingAndReadsEveryRowBack(@TempDir Path downloads) throws Exception {
        String path = "telemetry/dt=2026-11-21/t+0+00000000000000000000.parquet";
        try (S3Storage storage = S3Storage.open(S3StorageIT.settings(s3, BUCKET, "lake"))) {
            PendingFile pending = storage.create(path);
            String uploadId = openUpload(storage.client(), storage.key(path));
            int partsAtHalf;
            Random random = new Random(42);
            try (ParquetWriter<GenericRecord> writer = AvroParquetWriter.<GenericRecord>builder(pending.outputFile())
                    .withConf(new PlainParquetConfiguration())
                    .withDataModel(GenericData.get())
                    .withSchema(SCHEMA)
                    // uncompressed random text: the file is about ROWS * PAYLOAD_BYTES, several 5 MiB parts
                    .withCompressionCodec(CompressionCodecName.UNCOMPRESSED)
                    .withDictionaryEncoding(false)
                    .withRowGroupSize(2L << 20)
                    .build()) {
                for (int i = 0; i < ROWS; i++) {
                    if (i == ROWS / 2) {
                        partsAtHalf = partsUploaded(storage, path, uploadId);
                        assertThat(partsAtHalf).as("parts uploaded after half the rows").isGreaterThanOrEqualTo(1);
                    }
                    GenericRecord row = new GenericData.Record(SCHEMA);
                    row.put("id", (long) i);
                    row.put("payload", randomText(random));
                    writer.write(row);
                }
            }
            int partsBeforeStage = partsUploaded(storage, path, uploadId);

            StagedFile staged = pending.stage();
            int partsAfterStage = partsUploaded(storage, path, uploadId);
            storage.publish(staged);

            assertThat(partsBeforeStage).as("parts uploaded before stage()").isGreaterThanOrEqualTo(3);
            assertThat(partsAfterStage).isEqualTo(partsBeforeStage + 1);
            assertThat(staged.token()).isEqualTo(uploadId);
            assertThat(storage.list("telemetry/")).containsExactly(path);
            long objectSize = storage.openForRead(path).getLength();
            assertThat(objectSize).isGreaterThan(3L * S3Settings.MIN_PART_SIZE);

            assertEveryRowThroughOpenForRead(storage, path);
            Path local = downloads.resolve("file.parquet");
            Files.write(local, storage.client().getObjectAsBytes(b -> b.bucket(BUCKET).key(storage.key(path))).asByteArray());
            assertEveryRowWithDuckDb(local);
        }
    }

    private static String openUpload(S3Client client, String key) {
        List<MultipartUpload> uploads = client.listMultipartUploads(b -> b.bucket(BUCKET).prefix(key)).uploads();
        assertThat(uploads).hasSize(1);
        return uploads.get(0).uploadId();
    }

    private static int partsUploaded(S3Storage storage, String path, String uploadId) {
        return storage.client().listParts(b -> b.bucket(BUCKET).key(storage.key(path)).uploadId(uploadId)).parts().size();
    }

    private static void assertEveryRowThroughOpenForRead(S3Storage storage, String path) throws Exception {
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
        assertThat(ids).hasSize(ROWS);
        assertThat(ids).contains(0L, (long) ROWS - 1);
        assertThat(payloadBytes).isEqualTo((long) ROWS * PAYLOAD_BYTES);
    }

    private static void assertEveryRowWithDuckDb(Path file) throws Exception {
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
             Statement statement = duck.createStatement();
             ResultSet result = statement.executeQuery("SELECT count(*), count(DISTINCT id), min(id), max(id), "
                     + "sum(length(payload)) FROM read_parquet('" + file + "')")) {
            assertThat(result.next()).isTrue();
            assertThat(result.getLong(1)).isEqualTo(ROWS);
            assertThat(result.getLong(2)).isEqualTo(ROWS);
            assertThat(result.getLong(3)).isZero();
            assertThat(result.getLong(4)).isEqualTo(ROWS - 1);
            assertThat(result.getLong(5)).isEqualTo((long) ROWS * PAYLOAD_BYTES);
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
