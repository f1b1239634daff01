package io.tributary.lake.commit;

import io.tributary.lake.storage.StagedFile;
import java.util.Objects;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;

/**
 * A complete Parquet data file, durable but not visible yet.
 *
 * @param file    where it is staged and where it will be published
 * @param folder  its Hive partition folder relative to the table ({@code dt=2026-11-21/hour=08})
 * @param records rows in it
 * @param bytes   its length
 * @param footer  its Parquet footer (schema, row groups, column statistics), for table formats that
 *                record per-file metrics
 */
public record StagedDataFile(StagedFile file, String folder, long records, long bytes, ParquetMetadata footer) {

    public StagedDataFile {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(folder, "folder");
        Objects.requireNonNull(footer, "footer");
    }
}
