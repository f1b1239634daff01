package io.tributary.it.lake.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.lake.storage.PendingFile;
import io.tributary.lake.storage.StagedFile;
import io.tributary.lake.storage.s3.S3Settings;
import io.tributary.lake.storage.s3.S3Storage;
import io.tributary.testkit.S3MockServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.model.MultipartUpload;

/**
 * A Parquet file of several parts leaves the process while it is written: parts are uploaded as
 * row groups complete, before the file is staged, and the published object reads back whole.
 */
class S3MultipartStreamingIT {

    private static final String BUCKET = "streaming-lake";
    private static final int ROWS = 60_000;

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
            String uploadId = openUpload(storage, path);
            AtomicInteger partsAtHalf = new AtomicInteger(-1);

            ParquetRows.write(pending, ROWS, row -> {
                if (row == ROWS / 2) {
                    partsAtHalf.set(partsUploaded(storage, path, uploadId));
                }
            });
            int partsBeforeStage = partsUploaded(storage, path, uploadId);
            StagedFile staged = pending.stage();
            int partsAfterStage = partsUploaded(storage, path, uploadId);
            storage.publish(staged);

            // ~24 MB in 5 MiB parts: two are out at half the rows, four before stage, the fifth is the tail
            assertThat(partsAtHalf.get()).as("parts uploaded after half the rows").isGreaterThanOrEqualTo(1);
            assertThat(partsBeforeStage).as("parts uploaded before stage()").isGreaterThanOrEqualTo(3);
            assertThat(partsAfterStage).isEqualTo(partsBeforeStage + 1);
            assertThat(staged.token()).isEqualTo(uploadId);
            assertThat(storage.list("telemetry/")).containsExactly(path);
            assertThat(storage.openForRead(path).getLength()).isGreaterThan(3L * S3Settings.MIN_PART_SIZE);

            ParquetRows.assertReadBack(storage, path, ROWS);
            Path local = downloads.resolve("file.parquet");
            Files.write(local, storage.client().getObjectAsBytes(b -> b.bucket(BUCKET).key(storage.key(path))).asByteArray());
            ParquetRows.assertReadBackWithDuckDb(local, ROWS);
        }
    }

    private static String openUpload(S3Storage storage, String path) {
        List<MultipartUpload> uploads = storage.client()
                .listMultipartUploads(b -> b.bucket(BUCKET).prefix(storage.key(path))).uploads();
        assertThat(uploads).hasSize(1);
        return uploads.get(0).uploadId();
    }

    private static int partsUploaded(S3Storage storage, String path, String uploadId) {
        return storage.client().listParts(b -> b.bucket(BUCKET).key(storage.key(path)).uploadId(uploadId)).parts().size();
    }
}
