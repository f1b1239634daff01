package io.tributary.it.lake.storage;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.blob.models.BlockListType;
import com.azure.storage.blob.specialized.BlockBlobClient;
import io.tributary.lake.storage.PendingFile;
import io.tributary.lake.storage.StagedFile;
import io.tributary.lake.storage.azure.AzureBlobStorage;
import io.tributary.lake.storage.azure.AzureSettings;
import io.tributary.testkit.Azurite;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Parquet file of several blocks is staged block by block while it is written, is invisible
 * until its block list is committed, and then reads back whole.
 */
class AzureBlockStreamingIT {

    private static final String CONTAINER = "streaming-lake";
    private static final int ROWS = 12_000;

    private static Azurite azurite;
    private static BlobContainerClient container;

    @BeforeAll
    static void startAzurite() throws InterruptedException {
        azurite = Azurite.start();
        container = new BlobServiceClientBuilder().connectionString(azurite.connectionString()).buildClient()
                .createBlobContainer(CONTAINER);
    }

    @AfterAll
    static void stopAzurite() {
        if (azurite != null) {
            azurite.close();
        }
    }

    @Test
    void stagesBlocksWhileWritingAndReadsEveryRowBack(@TempDir Path downloads) throws Exception {
        String path = "telemetry/dt=2026-11-21/t+0+00000000000000000000.parquet";
        BlockBlobClient target = container.getBlobClient("lake/" + path).getBlockBlobClient();
        try (AzureBlobStorage storage = AzureBlobStorage.open(new AzureSettings(Optional.empty(),
                Optional.of(azurite.connectionString()), CONTAINER, "lake", AzureSettings.MIN_BLOCK_SIZE))) {
            PendingFile pending = storage.create(path);
            AtomicInteger blocksAtHalf = new AtomicInteger(-1);

            ParquetRows.write(pending, ROWS, row -> {
                if (row == ROWS / 2) {
                    blocksAtHalf.set(uncommittedBlocks(target));
                }
            });
            int blocksBeforeStage = uncommittedBlocks(target);
            StagedFile staged = pending.stage();
            int blocksAfterStage = uncommittedBlocks(target);
            assertThat(target.exists()).as("visible before publish").isFalse();
            assertThat(storage.list("telemetry/")).isEmpty();
            storage.publish(staged);

            // ~4.8 MB in 1 MiB blocks: at least one is staged at half the rows, four before stage, the tail after
            assertThat(blocksAtHalf.get()).as("blocks staged after half the rows").isGreaterThanOrEqualTo(1);
            assertThat(blocksBeforeStage).as("blocks staged before stage()").isGreaterThanOrEqualTo(3);
            assertThat(blocksAfterStage).isEqualTo(blocksBeforeStage + 1);
            assertThat(target.listBlocks(BlockListType.COMMITTED).getCommittedBlocks()).hasSize(blocksAfterStage);
            assertThat(storage.list("telemetry/")).containsExactly(path);
            assertThat(storage.listStaged("")).isEmpty();

            ParquetRows.assertReadBack(storage, path, ROWS);
            Path local = downloads.resolve("file.parquet");
            target.downloadToFile(local.toString());
            ParquetRows.assertReadBackWithDuckDb(local, ROWS);
            assertThat(Files.size(local)).isGreaterThan(3L * AzureSettings.MIN_BLOCK_SIZE);
        }
    }

    /** Blocks staged on the target blob and not committed yet; a blob with no block at all is a 404. */
    private static int uncommittedBlocks(BlockBlobClient target) {
        try {
            return target.listBlocks(BlockListType.UNCOMMITTED).getUncommittedBlocks().size();
        } catch (BlobStorageException e) {
            if (e.getStatusCode() == 404) {
                return 0;
            }
            throw e;
        }
    }
}
