package io.tributary.it.lake.storage;

import io.tributary.testkit.S3MockServer;
import java.util.Map;

/**
 * The crash test on S3Mock: the sink streams multipart uploads while it is killed. A restarted
 * owner aborts the leftover uploads of a partition before it writes any file again, so S3Mock's
 * abort defect (it drops every upload of the key, see {@link S3StorageIT}) does not apply here.
 */
class S3LakeCrashIT extends ObjectStoreCrashSuite {

    private static final String BUCKET = "crash-lake";
    private S3MockServer s3;

    @Override
    void startStore() throws Exception {
        s3 = S3MockServer.start(BUCKET);
    }

    @Override
    void stopStore() {
        if (s3 != null) {
            s3.close();
        }
    }

    @Override
    String storageArgument() {
        return "s3:" + BUCKET + ":warehouse:" + s3.endpoint();
    }

    @Override
    Map<String, String> storageEnvironment() {
        return Map.of(ObjectStoreSinkProcess.S3_KEY_ENV, S3MockServer.ACCESS_KEY_ID,
                ObjectStoreSinkProcess.S3_SECRET_ENV, S3MockServer.SECRET_ACCESS_KEY);
    }
}
