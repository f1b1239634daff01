package io.tributary.lake;

import io.tributary.lake.iceberg.IcebergCatalogSettings;
import java.util.Objects;

/** What a lake table is on disk: Hive-style Parquet folders, or an Iceberg table over the same files. */
public sealed interface TableFormat {

    /** Plain Parquet: files become visible in their folders; offsets live in Kafka's consumer group. */
    TableFormat PARQUET = new Parquet();

    record Parquet() implements TableFormat {
    }

    /**
     * An Iceberg table in a JDBC catalog: files become visible with the snapshot that appends them,
     * whose summary holds the Kafka offsets (see {@link io.tributary.lake.iceberg.IcebergCommitter}).
     */
    record Iceberg(IcebergCatalogSettings catalog) implements TableFormat {
        public Iceberg {
            Objects.requireNonNull(catalog, "catalog");
        }
    }
}
