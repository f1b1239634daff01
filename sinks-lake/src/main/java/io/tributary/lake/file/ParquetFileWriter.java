package io.tributary.lake.file;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileWriter.Mode;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Parquet file being written under its temporary name. {@link #commit()} completes it and
 * makes it visible under its final name in one atomic rename; {@link #abort()} deletes it.
 */
public final class ParquetFileWriter {

    private static final Logger LOG = LoggerFactory.getLogger(ParquetFileWriter.class);

    public static final CompressionCodecName CODEC = CompressionCodecName.ZSTD;
    private static final long MIN_ROW_GROUP_BYTES = 1L << 20;
    private static final long MAX_ROW_GROUP_BYTES = 128L << 20;

    private final Path finalPath;
    private final Path tempPath;
    private final ParquetWriter<GenericRecord> writer;
    private long records;
    private boolean closed;

    private ParquetFileWriter(Path finalPath, Path tempPath, ParquetWriter<GenericRecord> writer) {
        this.finalPath = finalPath;
        this.tempPath = tempPath;
        this.writer = writer;
    }

    /**
     * Opens {@code dir/.<finalName>.tmp} for writing, creating {@code dir} if needed and replacing
     * a temporary file left by an earlier attempt.
     *
     * @param expectedBytes the roll size of the batch; row groups are no larger, so the buffered
     *                      row group of an open file stays within it (between 1 and 128 MiB)
     */
    public static ParquetFileWriter open(Path dir, String finalName, Schema schema, long expectedBytes)
            throws IOException {
        Files.createDirectories(dir);
        Path finalPath = dir.resolve(finalName);
        Path tempPath = dir.resolve(FileNamer.tempName(finalName));
        long rowGroupBytes = Math.max(MIN_ROW_GROUP_BYTES, Math.min(MAX_ROW_GROUP_BYTES, expectedBytes));
        ParquetWriter<GenericRecord> writer = AvroParquetWriter.<GenericRecord>builder(new LocalOutputFile(tempPath))
                .withConf(new PlainParquetConfiguration())
                .withDataModel(GenericData.get())
                .withSchema(schema)
                .withWriteMode(Mode.OVERWRITE)
                .withCompressionCodec(CODEC)
                .withRowGroupSize(rowGroupBytes)
                .build();
        return new ParquetFileWriter(finalPath, tempPath, writer);
    }

    public void write(GenericRecord row) throws IOException {
        writer.write(row);
        records++;
    }

    /** Rows written so far. */
    public long records() {
        return records;
    }

    /** The writer's estimate of bytes written plus buffered. */
    public long dataSize() {
        return writer.getDataSize();
    }

    public Path finalPath() {
        return finalPath;
    }

    public Path tempPath() {
        return tempPath;
    }

    /**
     * Writes the footer, forces the file to disk, renames it to its final name (atomically,
     * replacing a file of an earlier uncommitted attempt) and forces the folder entry to disk.
     * Only after this returns may offsets covering the file's rows be committed.
     */
    public Path commit() throws IOException {
        closeWriter();
        try (FileChannel channel = FileChannel.open(tempPath, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
        Files.move(tempPath, finalPath, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        forceDirectory(finalPath.getParent());
        return finalPath;
    }

    /** Closes the writer if open and deletes the temporary file; never throws. */
    public void abort() {
        try {
            closeWriter();
        } catch (IOException | RuntimeException e) {
            LOG.debug("Closing {} before deleting it failed", tempPath, e);
        }
        try {
            Files.deleteIfExists(tempPath);
        } catch (IOException e) {
            LOG.warn("Could not delete temporary file {}; the next sink of its partition deletes it", tempPath, e);
        }
    }

    private void closeWriter() throws IOException {
        if (!closed) {
            closed = true;
            writer.close();
        }
    }

    /** Makes the rename durable. Some platforms cannot open folders; there the rename is left to the OS. */
    private static void forceDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            LOG.debug("Cannot force folder {} to disk", dir, e);
        }
    }
}
