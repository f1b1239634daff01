package io.tributary.lake.file;

import io.tributary.lake.commit.StagedDataFile;
import io.tributary.lake.storage.PendingFile;
import io.tributary.lake.storage.StagedFile;
import java.io.IOException;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileWriter.Mode;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Parquet file being written into a {@link PendingFile} (invisible to readers).
 * {@link #stage(String)} completes it and makes it durable, still invisible; {@link #abort()}
 * drops it.
 */
public final class ParquetFileWriter {

    private static final Logger LOG = LoggerFactory.getLogger(ParquetFileWriter.class);

    public static final CompressionCodecName CODEC = CompressionCodecName.ZSTD;
    private static final long MIN_ROW_GROUP_BYTES = 1L << 20;
    private static final long MAX_ROW_GROUP_BYTES = 128L << 20;
    private static final int MIN_PAGE_BYTES = 64 << 10;
    private static final int MAX_PAGE_BYTES = 1 << 20;

    private final PendingFile pending;
    private final CountingOutputFile output;
    private final ParquetWriter<GenericRecord> writer;
    private long records;
    private boolean closed;

    private ParquetFileWriter(PendingFile pending, CountingOutputFile output, ParquetWriter<GenericRecord> writer) {
        this.pending = pending;
        this.output = output;
        this.writer = writer;
    }

    /**
     * Starts writing a Parquet file into {@code pending}.
     *
     * @param expectedBytes the row group size (between 1 and 128 MiB): the most an open file
     *                      buffers before it writes a row group out. Pages (and the compressor's
     *                      page buffer every open writer allocates) are a sixteenth of it, between
     *                      64 KiB and Parquet's default of 1 MiB, so many small open files stay small.
     */
    public static ParquetFileWriter open(PendingFile pending, Schema schema, long expectedBytes) throws IOException {
        long rowGroupBytes = Math.max(MIN_ROW_GROUP_BYTES, Math.min(MAX_ROW_GROUP_BYTES, expectedBytes));
        int pageBytes = (int) Math.max(MIN_PAGE_BYTES, Math.min(MAX_PAGE_BYTES, rowGroupBytes / 16));
        CountingOutputFile output = new CountingOutputFile(pending.outputFile());
        try {
            ParquetWriter<GenericRecord> writer = AvroParquetWriter.<GenericRecord>builder(output)
                    .withConf(new PlainParquetConfiguration())
                    .withDataModel(GenericData.get())
                    .withSchema(schema)
                    .withWriteMode(Mode.OVERWRITE)
                    .withCompressionCodec(CODEC)
                    .withRowGroupSize(rowGroupBytes)
                    .withPageSize(pageBytes)
                    .withDictionaryPageSize(pageBytes)
                    .build();
            return new ParquetFileWriter(pending, output, writer);
        } catch (IOException | RuntimeException e) {
            pending.abort();
            throw e;
        }
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

    /** The target path, relative to the lake root. */
    public String path() {
        return pending.path();
    }

    /**
     * Writes the footer and makes the file durable but not visible. Only after this returns may
     * the file be named in a commit.
     *
     * @param folder the file's Hive partition folder, recorded with it
     */
    public StagedDataFile stage(String folder) throws IOException {
        closeWriter();
        StagedFile staged = pending.stage();
        return new StagedDataFile(staged, folder, records, output.length(), writer.getFooter());
    }

    /** Closes the writer if open and drops what was written; never throws. */
    public void abort() {
        try {
            closeWriter();
        } catch (IOException | RuntimeException e) {
            LOG.debug("Closing {} before dropping it failed", pending.path(), e);
        }
        pending.abort();
    }

    private void closeWriter() throws IOException {
        if (!closed) {
            closed = true;
            writer.close();
        }
    }
}
