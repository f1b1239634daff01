package io.tributary.lake.storage.objectstore;

import io.tributary.lake.storage.PendingFile;
import io.tributary.lake.storage.StagedFile;
import java.io.IOException;
import org.apache.parquet.io.OutputFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A file being written to an object store. The Parquet writer writes into a stream that sends the
 * bytes on while the file is still being written; staging completes the upload and abort drops it.
 * What differs between stores, how the bytes travel and how an upload ends, is an {@link Upload}.
 */
public final class ObjectStorePendingFile implements PendingFile {

    private static final Logger LOG = LoggerFactory.getLogger(ObjectStorePendingFile.class);

    /** How a store ends one file's upload. */
    public interface Upload {

        /** Makes all that was written durable, still invisible; called once the writer was closed. */
        void complete() throws IOException;

        /** Drops the upload, or as much of it as the store lets go of right away. */
        void discard() throws IOException;
    }

    /** An upload the store takes in numbered chunks: multipart parts, staged blocks. */
    public interface ChunkedUpload extends ChunkedOutputStream.ChunkUploader {

        /** Drops the chunks sent so far, or makes sure they can never be published. */
        void discard() throws IOException;
    }

    private final String path;
    private final String token;
    private final OutputFile outputFile;
    private final Upload upload;

    /**
     * @param token    what {@link StagedFile#token()} carries for this file
     * @param location where the bytes go, as the Parquet writer reports it
     */
    public ObjectStorePendingFile(String path, String token, String location, UploadStream stream,
            Upload upload) {
        this.path = path;
        this.token = token;
        this.outputFile = new StreamOutputFile(location, stream);
        this.upload = upload;
    }

    /**
     * A file cut into chunks of {@code chunkSize}: each chunk goes to the store as soon as it is full,
     * so at most one is held in memory; staging sends the last, partial one.
     */
    public static ObjectStorePendingFile chunked(String path, String token, String location, int chunkSize,
            ChunkedUpload upload) {
        ChunkedOutputStream stream = new ChunkedOutputStream(chunkSize, upload);
        return new ObjectStorePendingFile(path, token, location, stream, new Upload() {
            @Override
            public void complete() throws IOException {
                stream.finish();
            }

            @Override
            public void discard() throws IOException {
                upload.discard();
            }
        });
    }

    @Override
    public String path() {
        return path;
    }

    @Override
    public OutputFile outputFile() {
        return outputFile;
    }

    @Override
    public StagedFile stage() throws IOException {
        upload.complete();
        return new StagedFile(path, token);
    }

    @Override
    public void abort() {
        try {
            upload.discard();
        } catch (IOException e) {
            // abort runs on the failure path and must not hide the first error; what stays behind is
            // found by the next start's cleanup through listStaged
            LOG.warn("could not discard the upload of {} ({}): {}", path, outputFile.getPath(), e.getMessage());
        }
    }
}
