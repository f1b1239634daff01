package io.tributary.lake.storage;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.apache.parquet.io.InputFile;

/**
 * Where lake files live: a local folder or an object store. Paths are relative to the lake root
 * and separated by {@code /} ({@code fleet_telemetry/dt=2026-11-21/telemetry+0+00000000000000000042.parquet}).
 *
 * <p>Data files are written in two steps so that making them visible can follow the commit of
 * their Kafka offsets (see the commit package): {@link #create} returns a file that readers cannot
 * see; once written, {@link PendingFile#stage()} makes its bytes durable and returns a
 * {@link StagedFile}, still invisible; {@link #publish} makes it visible under its path. Publishing
 * and discarding are idempotent, so a process that takes over a partition can finish or undo the
 * work of one that died between the steps.
 */
public interface LakeStorage extends AutoCloseable {

    /**
     * Starts a file that becomes visible at {@code path} only when published. Every call gets its
     * own staging location, so two processes writing the same path (a live owner and a zombie)
     * never write into each other's bytes.
     */
    PendingFile create(String path) throws IOException;

    /**
     * Makes a staged file visible at its path, replacing whatever is there. Publishing a file that
     * is already published does nothing, so a roll-forward after a crash may repeat it.
     *
     * @throws java.io.FileNotFoundException when the staged bytes are gone and nothing is published
     *         at the path either (the file can never be published)
     */
    void publish(StagedFile file) throws IOException;

    /** Drops a staged or still-open file's bytes without publishing them; idempotent, never fails on absence. */
    void discard(StagedFile file) throws IOException;

    /**
     * Staging leftovers (temporary files, open multipart uploads, uncommitted blocks) whose
     * target path starts with {@code prefix}, for the caller to discard those no commit refers to.
     */
    List<StagedFile> listStaged(String prefix) throws IOException;

    /** Visible files whose path starts with {@code prefix}, in path order. */
    List<String> list(String prefix) throws IOException;

    /** Opens a visible file for reading (compaction, schema checks). */
    InputFile openForRead(String path) throws IOException;

    /** Writes a small file (a manifest, a schema record) so that it appears whole or not at all. */
    void writeSmall(String path, byte[] content) throws IOException;

    /** Reads a small file written by {@link #writeSmall}, if it exists. */
    Optional<byte[]> readSmall(String path) throws IOException;

    /** Deletes a visible file; does nothing when it does not exist. */
    void delete(String path) throws IOException;

    /** A description for logs: the backend and its root, never a credential. */
    String describe();

    @Override
    void close() throws IOException;
}
