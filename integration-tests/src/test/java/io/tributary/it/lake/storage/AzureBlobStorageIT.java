package io.tributary.it.lake.storage;

import com.azure.storage.blob.BlobServiceClientBuilder;
import io.tributary.lake.storage.LakeStorage;
import io.tributary.lake.storage.LakeStorageContract;
import io.tributary.lake.storage.azure.AzureBlobStorage;
import io.tributary.lake.storage.azure.AzureSettings;
import io.tributary.testkit.Azurite;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The storage contract on Azurite's Blob service, through the hub's client wiring ({@link AzureBlobStorage#open}). */
class AzureBlobStorageIT extends LakeStorageContract {

    private static final String CONTAINER = "contract-lake";
    private static Azurite azurite;

    @BeforeAll
    static void startAzurite() throws InterruptedException {
        azurite = Azurite.start();
        new BlobServiceClientBuilder().connectionString(azurite.connectionString()).buildClient()
                .createBlobContainer(CONTAINER);
    }

    @AfterAll
    static void stopAzurite() {
        if (azurite != null) {
            azurite.close();
        }
    }

    @Override
    protected LakeStorage newStorage() {
        return AzureBlobStorage.open(new AzureSettings(Optional.empty(), Optional.of(azurite.connectionString()),
                CONTAINER, "warehouse/lake", AzureSettings.MIN_BLOCK_SIZE));
    }
}
