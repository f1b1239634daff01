package io.tributary.lake.storage.gcs;

import com.google.cloud.storage.contrib.nio.testing.LocalStorageHelper;
import io.tributary.lake.storage.LakeStorage;
import io.tributary.lake.storage.LakeStorageContract;

/**
 * The storage contract on google-cloud-nio's in-memory fake of the GCS client (no GCS emulator
 * runs here). It exercises our calls and their preconditions as the fake implements them; real
 * resumable-upload sessions, authentication and retries are not covered.
 */
class GcsStorageTest extends LakeStorageContract {

    @Override
    protected LakeStorage newStorage() {
        // one fake per test: the contract's random prefixes would keep tests apart anyway
        return new GcsStorage(LocalStorageHelper.customOptions(false).getService(), "lake-bucket", "warehouse/lake",
                GcsSettings.CHUNK_GRANULARITY);
    }
}
