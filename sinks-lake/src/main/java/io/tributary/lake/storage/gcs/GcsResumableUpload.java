package io.tributary.lake.storage.gcs;

import com.google.cloud.WriteChannel;
import io.tributary.lake.storage.objectstore.ObjectStorePendingFile;
import java.io.IOException;

/**
 * One file streaming into its staging object through a resumable upload; the client sends a chunk
 * whenever one is full. Closing the channel finishes the upload.
 */
record GcsResumableUpload(GcsStorage storage, String path, String token, WriteChannel channel)
        implements ObjectStorePendingFile.Upload {

    @Override
    public void complete() throws IOException {
        try {
            channel.close();
        } catch (IOException | RuntimeException e) {
            throw new IOException("GCS: cannot finish the upload of " + path + " (was it discarded?): "
                    + e.getMessage(), e);
        }
    }

    /** The unfinished resumable session expires by itself; deleting the placeholder revokes it. */
    @Override
    public void discard() throws IOException {
        storage.deleteStaging(token);
    }
}
