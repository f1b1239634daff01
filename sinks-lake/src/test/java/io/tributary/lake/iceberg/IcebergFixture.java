package io.tributary.lake.iceberg;

import io.tributary.lake.ColumnType;
import io.tributary.lake.EnvelopeColumns;
import io.tributary.lake.LakeColumn;
import io.tributary.lake.LakeTable;
import io.tributary.lake.PartitionGranularity;
import io.tributary.lake.Partitioning;
import io.tributary.lake.RollPolicy;
import io.tributary.lake.commit.RolledBatch;
import io.tributary.lake.commit.StagedDataFile;
import io.tributary.lake.file.FileNamer;
import io.tributary.lake.file.PartitionPathResolver;
import io.tributary.lake.mapping.LakeSchema;
import io.tributary.lake.storage.PendingFile;
import io.tributary.lake.storage.StagedFile;
import io.tributary.lake.storage.local.LocalStorage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.jdbc.JdbcCatalog;
import org.apache.kafka.common.TopicPartition;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetWriter;

/** An Iceberg lake table on a SQLite catalog in a temp folder, and Parquet batches written like the sink writes them. */
final class IcebergFixture implements AutoCloseable {

    static final String TOPIC = "telemetry.iceberg";

    final Path root;
    final LakeTable lakeTable;
    final Schema schema;
    final Partitioning partitioning;
    final LocalStorage storage;
    final JdbcCatalog catalog;
    final PartitionPathResolver folders;

    IcebergFixture(Path root, String tableName, Partitioning partitioning, IcebergCatalogSettings settings) {
        this.root = root;
        this.partitioning = partitioning;
        this.lakeTable = new LakeTable(tableName, TOPIC, TOPIC + ".dlq", PartitionGranularity.DAY,
                List.of(new LakeColumn("temp", ColumnType.DOUBLE, "/temp", false)),
                new RollPolicy(1000, 1 << 20, Duration.ofSeconds(5)), null);
        this.schema = LakeSchema.of(lakeTable);
        this.storage = new LocalStorage(root);
        this.catalog = IcebergCatalogs.open(settings, root);
        this.folders = new PartitionPathResolver(partitioning);
    }

    Table table() {
        return IcebergTableSetup.loadOrCreate(catalog, "tributary", lakeTable.name(), schema, partitioning,
                root.resolve(lakeTable.name()).toUri().toString());
    }

    IcebergCommitter committer(Table table) {
        return new IcebergCommitter(table, TOPIC, storage, new IcebergCommitter.DataFileFactoryInputs(folders,
                path -> root.resolve(path).toUri().toString()), null, null, lakeTable.name());
    }

    /** A batch of {@code count} rows from {@code first}, one file, all at {@code eventMillis} from {@code device}. */
    RolledBatch batch(int partition, long first, int count, long eventMillis, String device) throws IOException {
        return batch(partition, first, count, eventMillis, device, String.format(Locale.ROOT, "%s+%d+%020d.parquet",
                TOPIC, partition, first));
    }

    /** As {@link #batch(int, long, int, long, String)}, the file named for one commit attempt, as the sink names it. */
    RolledBatch attemptBatch(int partition, long first, int count, long eventMillis, String device, String attempt)
            throws IOException {
        return batch(partition, first, count, eventMillis, device, FileNamer.attemptName(TOPIC, partition, first, attempt));
    }

    private RolledBatch batch(int partition, long first, int count, long eventMillis, String device, String fileName)
            throws IOException {
        String folder = folders.resolve(eventMillis, device);
        String path = lakeTable.name() + "/" + folder + "/" + fileName;
        PendingFile pending = storage.create(path);
        ParquetWriter<GenericRecord> writer = AvroParquetWriter.<GenericRecord>builder(pending.outputFile())
                .withConf(new PlainParquetConfiguration())
                .withDataModel(GenericData.get())
                .withSchema(schema)
                .build();
        for (long offset = first; offset < first + count; offset++) {
            GenericRecord row = new GenericData.Record(schema);
            row.put(EnvelopeColumns.DEVICE_ID, device);
            row.put(EnvelopeColumns.EVENT_TIME, eventMillis);
            row.put(EnvelopeColumns.INGEST_TIME, eventMillis);
            row.put(EnvelopeColumns.SOURCE, "test");
            row.put(EnvelopeColumns.KAFKA_PARTITION, partition);
            row.put(EnvelopeColumns.KAFKA_OFFSET, offset);
            row.put("temp", offset / 2.0);
            writer.write(row);
        }
        writer.close();
        StagedFile staged = pending.stage();
        long bytes = Files.size(stagedBytes(staged));
        return new RolledBatch(new TopicPartition(TOPIC, partition), first, first + count, Optional.of(0),
                List.of(new StagedDataFile(staged, folder, count, bytes, writer.getFooter())));
    }

    /** Where LocalStorage keeps a staged file's bytes until it is published. */
    Path stagedBytes(StagedFile staged) {
        return root.resolve(staged.path()).resolveSibling(staged.token());
    }

    /** Kafka partition -> offsets, as the table's Iceberg reader returns them. */
    static Map<Integer, List<Long>> offsetsRead(Table table) throws IOException {
        Map<Integer, List<Long>> read = new TreeMap<>();
        table.refresh();
        try (CloseableIterable<org.apache.iceberg.data.Record> rows = IcebergGenerics.read(table).build()) {
            for (org.apache.iceberg.data.Record row : rows) {
                read.computeIfAbsent((Integer) row.getField(EnvelopeColumns.KAFKA_PARTITION), p -> new ArrayList<>())
                        .add((Long) row.getField(EnvelopeColumns.KAFKA_OFFSET));
            }
        }
        read.values().forEach(list -> list.sort(null));
        return read;
    }

    static Map<Integer, Long> summaryOffsets(Table table) {
        table.refresh();
        return SummaryOffsets.latest(table.currentSnapshot(), table::snapshot, TOPIC);
    }

    @Override
    public void close() throws IOException {
        catalog.close();
        storage.close();
    }
}
