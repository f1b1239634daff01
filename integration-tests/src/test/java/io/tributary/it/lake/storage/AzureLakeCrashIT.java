package io.tributary.it.lake.storage;

import com.azure.storage.blob.BlobServiceClientBuilder;
import io.tributary.testkit.Azurite;
import java.util.Map;

/** The crash test on Azurite: the sink stages blocks and commits block lists while it is killed. */
class AzureLakeCrashIT extends ObjectStoreCrashSuite {

    private static final String CONTAINER = "crash-lake";
    private Azurite azurite;

    @Override
    void startStore() throws Exception {
        azurite = Azurite.start();
        new BlobServiceClientBuilder().connectionString(azurite.connectionString()).buildClient()
                .createBlobContainer(CONTAINER);
    }

    @Override
    void stopStore() {
        if (azurite != null) {
            azurite.close();
        }
    }

    @Override
    String storageArgument() {
        return "azure:" + CONTAINER + ":warehouse";
    }

    @Override
    Map<String, String> storageEnvironment() {
        return Map.of(ObjectStoreSinkProcess.AZURE_CONNECTION_ENV, azurite.connectionString());
    }
}
