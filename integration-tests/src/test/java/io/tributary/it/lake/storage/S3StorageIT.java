package io.tributary.it.lake.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.lake.storage.LakeStorage;
import io.tributary.lake.storage.LakeStorageContract;
import io.tributary.lake.storage.PendingFile;
import io.tributary.lake.storage.StagedFile;
import io.tributary.lake.storage.s3.S3Settings;
import io.tributary.lake.storage.s3.S3Storage;
import io.tributary.testkit.S3MockServer;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The storage contract on S3Mock, through the same client wiring the hub uses ({@link S3Storage#open}).
 *
 * <p>One contract test cannot pass on S3Mock 5.2.0 because of a defect in the server, not in the
 * backend: aborting one multipart upload drops the parts of every other open upload of the same
 * key, and even the object a completed upload of that key produced (AWS keeps uploads of one key
 * independent). {@link #s3MockDropsOtherUploadsOfAKeyOnAbort} pins the defect, so the day S3Mock
 * fixes it this class fails and the contract test can run as written again. Until then this class
 * replaces that contract test with {@link #twoWritersOfOnePathKeepTheirBytesApart() the part S3Mock
 * gets right}: the two uploads stay apart until one is published (nothing is skipped).
 */
class S3StorageIT extends LakeStorageContract {

    private static final String BUCKET = "contract-lake";
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

    @Override
    protected LakeStorage newStorage() {
        return S3Storage.open(settings(s3, BUCKET, "warehouse/lake"));
    }

    static S3Settings settings(S3MockServer s3, String bucket, String prefix) {
        return new S3Settings(bucket, prefix, S3MockServer.REGION, Optional.of(s3.endpoint()), true,
                Optional.of(S3MockServer.ACCESS_KEY_ID), Optional.of(S3MockServer.SECRET_ACCESS_KEY),
                S3Settings.MIN_PART_SIZE);
    }

    /** The contract's version discards the zombie's upload before publishing, which S3Mock's abort defect breaks. */
    @Override
    @Test
    protected void twoWritersOfOnePathKeepTheirBytesApart() throws Exception {
        String path = base + "dt=2026-11-21/t+3+00000000000000000042.parquet";
        PendingFile zombie = storage.create(path);
        PendingFile owner = storage.create(path);
        write(zombie, "zombie bytes");
        write(owner, "owner bytes");
        StagedFile zombieStaged = zombie.stage();
        StagedFile ownerStaged = owner.stage();

        storage.publish(ownerStaged);

        assertThat(read(path)).isEqualTo("owner bytes");
        // the zombie's upload is untouched by the owner's completion, and left for the cleanup to find
        assertThat(storage.listStaged(base)).containsExactly(zombieStaged);
    }

    @Test
    void s3MockDropsOtherUploadsOfAKeyOnAbort() {
        try (S3Storage direct = S3Storage.open(settings(s3, BUCKET, ""))) {
            S3Client client = direct.client();
            String key = base + "defect";
            String first = client.createMultipartUpload(b -> b.bucket(BUCKET).key(key)).uploadId();
            String second = client.createMultipartUpload(b -> b.bucket(BUCKET).key(key)).uploadId();
            client.uploadPart(b -> b.bucket(BUCKET).key(key).uploadId(second).partNumber(1), RequestBody.fromString("kept?"));

            client.abortMultipartUpload(b -> b.bucket(BUCKET).key(key).uploadId(first));

            // AWS would still list the second upload's part here
            assertThat(client.listParts(b -> b.bucket(BUCKET).key(key).uploadId(second)).parts())
                    .as("S3Mock fixed the abort defect: remove this class's override of the contract test")
                    .isEmpty();
            client.abortMultipartUpload(b -> b.bucket(BUCKET).key(key).uploadId(second));
        }
    }
}
