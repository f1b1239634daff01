package io.tributary.lake.iceberg;

import io.tributary.lake.file.ParquetFileWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.DataFiles;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.MetricsConfig;
import org.apache.iceberg.PartitionField;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.RewriteFiles;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.StructLike;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableProperties;
import org.apache.iceberg.exceptions.CommitFailedException;
import org.apache.iceberg.exceptions.ValidationException;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.mapping.NameMappingParser;
import org.apache.iceberg.parquet.ParquetUtil;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileWriter.Mode;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.LocalOutputFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Merges the small data files of closed partitions of an Iceberg lake table into files of about a
 * target size, in one Iceberg rewrite: readers see either the old files or the new ones, never
 * both or neither. The rewrite snapshot carries the Kafka offsets of the table over unchanged, and
 * like the sink's commits it refuses any parent but the one whose offsets it copied, so an append
 * that lands meanwhile makes it re-read the offsets instead of hiding the newer ones.
 *
 * <p>Files are merged per folder (one partition tuple) and only with files of the same Parquet
 * schema, in name order (topic, partition, first offset), so rows keep their Kafka order. Local
 * tables only (file: locations).
 */
public final class IcebergCompactor {

    private static final Logger LOG = LoggerFactory.getLogger(IcebergCompactor.class);
    private static final int MAX_ATTEMPTS = 20;

    /** What one run did. */
    public record Result(int partitions, int filesRemoved, int filesAdded, long rows) {
    }

    private final Table table;

    public IcebergCompactor(Table table) {
        this.table = table;
    }

    /**
     * @param folder       only this partition folder (and below), e.g. {@code dt=2026-11-21/hour=08}; null for all
     * @param targetBytes  files at or above this size are left alone; merged files grow up to about it
     * @param closedBefore a partition is closed when its event-time range ended before this instant; a
     *                     partitioning without a time field has no closed partitions unless
     *                     {@code folder} names one explicitly
     */
    public Result compact(String folder, long targetBytes, Instant closedBefore) throws IOException {
        table.refresh();
        Snapshot start = table.currentSnapshot();
        if (start == null) {
            return new Result(0, 0, 0, 0);
        }
        Map<String, List<DataFile>> candidates = candidates(start, folder, targetBytes, closedBefore);
        Set<DataFile> removed = new HashSet<>();
        Set<DataFile> added = new HashSet<>();
        long rows = 0;
        int partitions = 0;
        try {
            for (Map.Entry<String, List<DataFile>> entry : candidates.entrySet()) {
                boolean merged = false;
                for (List<DataFile> group : bins(entry.getValue(), targetBytes)) {
                    DataFile result = merge(entry.getKey(), group);
                    added.add(result);
                    removed.addAll(group);
                    rows += result.recordCount();
                    merged = true;
                }
                partitions += merged ? 1 : 0;
            }
            if (added.isEmpty()) {
                return new Result(0, 0, 0, 0);
            }
            commit(start, removed, added);
        } catch (IOException | RuntimeException e) {
            for (DataFile file : added) {
                Files.deleteIfExists(Path.of(URI.create(file.location())));
            }
            throw e;
        }
        LOG.info("Iceberg table {}: compacted {} files into {} ({} rows, {} partitions)", table.name(),
                removed.size(), added.size(), rows, partitions);
        return new Result(partitions, removed.size(), added.size(), rows);
    }

    /** Small files of closed partitions, by folder relative to the table, in name order. */
    private Map<String, List<DataFile>> candidates(Snapshot start, String folder, long targetBytes, Instant closedBefore)
            throws IOException {
        String tableLocation = table.location().endsWith("/") ? table.location() : table.location() + "/";
        Map<String, List<DataFile>> byFolder = new TreeMap<>();
        try (CloseableIterable<FileScanTask> tasks = table.newScan().useSnapshot(start.snapshotId()).planFiles()) {
            for (FileScanTask task : tasks) {
                DataFile file = task.file();
                String location = file.location();
                if (file.fileSizeInBytes() >= targetBytes || !location.startsWith(tableLocation)) {
                    continue;
                }
                String relative = location.substring(tableLocation.length());
                String fileFolder = relative.contains("/") ? relative.substring(0, relative.lastIndexOf('/')) : "";
                boolean named = folder != null && (fileFolder.equals(folder) || fileFolder.startsWith(folder + "/"));
                if (folder != null && !named) {
                    continue;
                }
                if (!closed(task.spec(), file.partition(), closedBefore, named)) {
                    continue;
                }
                byFolder.computeIfAbsent(fileFolder, f -> new ArrayList<>()).add(file);
            }
        }
        byFolder.values().forEach(files -> files.sort(Comparator.comparing(DataFile::location)));
        return byFolder;
    }

    /** Whether the partition's event-time range (day or hour) ended before {@code closedBefore}. */
    static boolean closed(PartitionSpec spec, StructLike partition, Instant closedBefore, boolean namedExplicitly) {
        List<PartitionField> fields = spec.fields();
        for (int i = 0; i < fields.size(); i++) {
            String transform = fields.get(i).transform().toString();
            Integer ordinal = partition.get(i, Integer.class);
            if (ordinal == null) {
                continue;
            }
            if (transform.equals("day")) {
                return Instant.ofEpochSecond((ordinal + 1L) * 86_400L).isBefore(closedBefore);
            }
            if (transform.equals("hour")) {
                return Instant.ofEpochSecond((ordinal + 1L) * 3_600L).isBefore(closedBefore);
            }
        }
        return namedExplicitly;
    }

    /** Consecutive runs of at least two files whose sizes add up to at most about {@code targetBytes}. */
    static List<List<DataFile>> bins(List<DataFile> files, long targetBytes) throws IOException {
        List<List<DataFile>> bins = new ArrayList<>();
        List<DataFile> bin = new ArrayList<>();
        long size = 0;
        String schema = null;
        for (DataFile file : files) {
            String fileSchema = schemaOf(file);
            if (!bin.isEmpty() && (size + file.fileSizeInBytes() > targetBytes || !fileSchema.equals(schema))) {
                if (bin.size() > 1) {
                    bins.add(bin);
                }
                bin = new ArrayList<>();
                size = 0;
            }
            bin.add(file);
            size += file.fileSizeInBytes();
            schema = fileSchema;
        }
        if (bin.size() > 1) {
            bins.add(bin);
        }
        return bins;
    }

    private static String schemaOf(DataFile file) throws IOException {
        try (org.apache.parquet.hadoop.ParquetFileReader reader =
                     org.apache.parquet.hadoop.ParquetFileReader.open(new LocalInputFile(pathOf(file)))) {
            return reader.getFooter().getFileMetaData().getSchema().toString();
        }
    }

    private DataFile merge(String folder, List<DataFile> group) throws IOException {
        DataFile first = group.get(0);
        Path out = pathOf(first).resolveSibling("compacted-" + UUID.randomUUID() + ".parquet");
        ParquetWriter<GenericRecord> writer = null;
        long rows = 0;
        try {
            for (DataFile input : group) {
                try (ParquetReader<GenericRecord> reader = AvroParquetReader.<GenericRecord>builder(
                                new LocalInputFile(pathOf(input)), new PlainParquetConfiguration())
                        .withDataModel(GenericData.get()).build()) {
                    for (GenericRecord row = reader.read(); row != null; row = reader.read()) {
                        if (writer == null) {
                            writer = AvroParquetWriter.<GenericRecord>builder(new LocalOutputFile(out))
                                    .withConf(new PlainParquetConfiguration())
                                    .withDataModel(GenericData.get())
                                    .withSchema(row.getSchema())
                                    .withWriteMode(Mode.OVERWRITE)
                                    .withCompressionCodec(ParquetFileWriter.CODEC)
                                    .build();
                        }
                        writer.write(row);
                        rows++;
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            if (writer != null) {
                writer.close();
            }
            Files.deleteIfExists(out);
            throw e;
        }
        long expected = group.stream().mapToLong(DataFile::recordCount).sum();
        if (writer == null || rows != expected) {
            if (writer != null) {
                writer.close();
            }
            Files.deleteIfExists(out);
            throw new IllegalStateException("compacting " + folder + ": read " + rows + " rows, the table lists " + expected);
        }
        writer.close();
        return DataFiles.builder(table.specs().get(first.specId()))
                .withPath(out.toUri().toString())
                .withFormat(FileFormat.PARQUET)
                .withFileSizeInBytes(Files.size(out))
                .withPartition(first.partition())
                .withMetrics(ParquetUtil.footerMetrics(writer.getFooter(), Stream.empty(), MetricsConfig.forTable(table),
                        NameMappingParser.fromJson(table.properties().get(TableProperties.DEFAULT_NAME_MAPPING))))
                .withSplitOffsets(ParquetUtil.getSplitOffsets(writer.getFooter()))
                .build();
    }

    private void commit(Snapshot start, Set<DataFile> removed, Set<DataFile> added) {
        for (int attempt = 1; ; attempt++) {
            table.refresh();
            Snapshot head = table.currentSnapshot();
            RewriteFiles rewrite = table.newRewrite()
                    .validateFromSnapshot(start.snapshotId())
                    .rewriteFiles(removed, added);
            SummaryOffsets.latestEntries(head, table::snapshot).forEach(rewrite::set);
            rewrite.set(SummaryOffsets.COMMIT_ID, UUID.randomUUID().toString())
                    .validateWith(new ParentSnapshotValidator(head));
            try {
                rewrite.commit();
                return;
            } catch (ValidationException | CommitFailedException concurrent) {
                if (attempt >= MAX_ATTEMPTS || !stillListed(removed)) {
                    throw concurrent;
                }
                LOG.debug("Iceberg table {}: a commit landed during compaction ({}); trying again", table.name(),
                        concurrent.getMessage());
            }
        }
    }

    /** Whether every file to be replaced is still in the table (another compaction may have replaced some). */
    private boolean stillListed(Set<DataFile> files) {
        Set<String> wanted = new HashSet<>();
        files.forEach(file -> wanted.add(file.location()));
        try (CloseableIterable<FileScanTask> tasks = table.newScan().planFiles()) {
            for (FileScanTask task : tasks) {
                wanted.remove(task.file().location());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return wanted.isEmpty();
    }

    private static Path pathOf(DataFile file) {
        return Path.of(URI.create(file.location()));
    }
}
