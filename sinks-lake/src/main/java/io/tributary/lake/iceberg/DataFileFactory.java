package io.tributary.lake.iceberg;

import io.tributary.lake.commit.StagedDataFile;
import io.tributary.lake.file.PartitionPathResolver;
import java.util.function.Function;
import java.util.stream.Stream;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.DataFiles;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.Metrics;
import org.apache.iceberg.MetricsConfig;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableProperties;
import org.apache.iceberg.mapping.NameMapping;
import org.apache.iceberg.mapping.NameMappingParser;
import org.apache.iceberg.parquet.ParquetUtil;

/**
 * Describes a staged Parquet file to Iceberg: its location, size, partition tuple (read back from
 * its folder) and column metrics (from its footer, matched to the table's columns by name).
 */
final class DataFileFactory {

    private final Table table;
    private final PartitionPathResolver folders;
    private final Function<String, String> locationOf;

    /**
     * @param locationOf the Iceberg location (URI) of a storage path relative to the lake root
     */
    DataFileFactory(Table table, PartitionPathResolver folders, Function<String, String> locationOf) {
        this.table = table;
        this.folders = folders;
        this.locationOf = locationOf;
    }

    DataFile dataFile(StagedDataFile file) {
        NameMapping mapping = NameMappingParser.fromJson(table.properties().get(TableProperties.DEFAULT_NAME_MAPPING));
        Metrics metrics = ParquetUtil.footerMetrics(file.footer(), Stream.empty(), MetricsConfig.forTable(table), mapping);
        if (metrics.recordCount() != file.records()) {
            throw new IllegalStateException("staged file " + file.file().path() + " claims " + file.records()
                    + " rows but its footer holds " + metrics.recordCount());
        }
        return DataFiles.builder(table.spec())
                .withPath(locationOf.apply(file.file().path()))
                .withFormat(FileFormat.PARQUET)
                .withFileSizeInBytes(file.bytes())
                .withPartition(IcebergPartitionSpecs.tuple(table.spec(), folders.values(file.folder())))
                .withMetrics(metrics)
                .withSplitOffsets(ParquetUtil.getSplitOffsets(file.footer()))
                .build();
    }
}
