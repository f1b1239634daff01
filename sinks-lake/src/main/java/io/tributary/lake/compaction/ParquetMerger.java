package io.tributary.lake.compaction;

import io.tributary.lake.file.ParquetFileWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetFileWriter.Mode;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.schema.MessageType;

/**
 * Merges small Parquet files into one, row by row with the Avro schema the sink wrote them with
 * (kept in each file's footer), so every column, the envelope's Kafka partition and offset included,
 * comes out as it went in, in input order; the output gets row groups of up to the target size
 * instead of the inputs' many tiny ones (which appending row groups as they are would keep).
 */
final class ParquetMerger {

    private static final long MAX_ROW_GROUP_BYTES = 128L << 20;
    private static final int PAGE_BYTES = 1 << 20;

    /**
     * One input file as its footer describes it.
     *
     * @param bytes     its size
     * @param dataBytes its row groups' compressed size: what it adds to a merged file, without the footer
     *                  and page headers that dominate tiny files
     */
    record Part(Path file, long bytes, long dataBytes, long rows, MessageType schema) {

        String name() {
            return file.getFileName().toString();
        }
    }

    private ParquetMerger() {
    }

    static Part inspect(Path file) throws IOException {
        try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file))) {
            ParquetMetadata footer = reader.getFooter();
            long dataBytes = footer.getBlocks().stream().mapToLong(BlockMetaData::getCompressedSize).sum();
            return new Part(file, Files.size(file), dataBytes, reader.getRecordCount(), footer.getFileMetaData().getSchema());
        }
    }

    /**
     * Runs of consecutive parts (in the given order, e.g. by name: topic, partition, first offset) with
     * one schema whose row data adds up to at most {@code targetBytes}; only runs of two or more are
     * worth merging, and a file at or above the target is never in one.
     */
    static List<List<Part>> bins(List<Part> parts, long targetBytes) {
        List<List<Part>> bins = new ArrayList<>();
        List<Part> bin = new ArrayList<>();
        long size = 0;
        for (Part part : parts) {
            if (part.bytes() >= targetBytes) {
                continue; // kept as it is; the files around it may still go together
            }
            boolean fits = !bin.isEmpty() && size + part.dataBytes() <= targetBytes
                    && part.schema().equals(bin.get(0).schema());
            if (!fits) {
                if (bin.size() > 1) {
                    bins.add(bin);
                }
                bin = new ArrayList<>();
                size = 0;
            }
            bin.add(part);
            size += part.dataBytes();
        }
        if (bin.size() > 1) {
            bins.add(bin);
        }
        return bins;
    }

    /**
     * Writes the rows of {@code bin} into {@code output}, durable (fsynced), and checks the output's
     * footer holds exactly as many rows as the inputs' footers.
     *
     * @return rows written
     */
    static long merge(List<Part> bin, Path output, long targetBytes) throws IOException {
        long expected = bin.stream().mapToLong(Part::rows).sum();
        long rows = 0;
        ParquetWriter<GenericRecord> writer = null;
        try {
            for (Part part : bin) {
                try (ParquetReader<GenericRecord> reader = AvroParquetReader.<GenericRecord>builder(
                                new LocalInputFile(part.file()), new PlainParquetConfiguration())
                        .withDataModel(GenericData.get()).build()) {
                    for (GenericRecord row = reader.read(); row != null; row = reader.read()) {
                        if (writer == null) {
                            writer = AvroParquetWriter.<GenericRecord>builder(new LocalOutputFile(output))
                                    .withConf(new PlainParquetConfiguration())
                                    .withDataModel(GenericData.get())
                                    .withSchema(row.getSchema())
                                    .withWriteMode(Mode.CREATE)
                                    .withCompressionCodec(ParquetFileWriter.CODEC)
                                    .withRowGroupSize(Math.min(MAX_ROW_GROUP_BYTES, Math.max(PAGE_BYTES, targetBytes)))
                                    .withPageSize(PAGE_BYTES)
                                    .build();
                        }
                        writer.write(row);
                        rows++;
                    }
                }
            }
            if (writer == null) {
                throw new IOException("the files to merge into " + output + " hold no rows");
            }
            writer.close();
            writer = null;
        } finally {
            if (writer != null) {
                writer.close();
            }
        }
        long written = inspect(output).rows();
        if (rows != expected || written != expected) {
            throw new IOException("merging " + bin.size() + " files into " + output + ": their footers count "
                    + expected + " rows, " + rows + " were read and the merged file holds " + written);
        }
        Durability.forceFile(output);
        return rows;
    }
}
