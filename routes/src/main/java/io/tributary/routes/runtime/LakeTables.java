package io.tributary.routes.runtime;

import io.tributary.lake.ColumnType;
import io.tributary.lake.LakeColumn;
import io.tributary.lake.LakeTable;
import io.tributary.lake.Partitioning;
import io.tributary.lake.TableFormat;
import io.tributary.lake.iceberg.IcebergCatalogSettings;
import io.tributary.lake.RollPolicy;
import io.tributary.routes.config.LakeOptions;
import io.tributary.routes.config.SourceConfig;
import io.tributary.spec.ConfigValues;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Turns a source's validated {@code lake:} section into the sink's table description. */
public final class LakeTables {

    private LakeTables() {
    }

    public static Optional<LakeTable> of(SourceConfig source) {
        return source.lake().map(lake -> {
            ConfigValues roll = lake.get(LakeOptions.ROLL_SECTION);
            List<ConfigValues> declared = lake.get(LakeOptions.COLUMNS);
            List<LakeColumn> columns = (declared == null ? List.<ConfigValues>of() : declared).stream()
                    .map(c -> new LakeColumn(c.get(LakeOptions.COLUMN_NAME),
                            ColumnType.valueOf(c.get(LakeOptions.COLUMN_TYPE).toUpperCase(Locale.ROOT)),
                            c.get(LakeOptions.COLUMN_PATH), c.get(LakeOptions.COLUMN_REQUIRED)))
                    .toList();
            return new LakeTable(lake.get(LakeOptions.TABLE), source.topic(), source.deadLetterTopic(),
                    Partitioning.parse(lake.get(LakeOptions.PARTITION_BY)),
                    columns,
                    new RollPolicy(roll.get(LakeOptions.ROLL_MAX_RECORDS), roll.get(LakeOptions.ROLL_MAX_BYTES),
                            roll.get(LakeOptions.ROLL_MAX_AGE)),
                    lake.get(LakeOptions.EVENT_TIME), lake.get(LakeOptions.INFER_COLUMNS),
                    lake.get(LakeOptions.MAX_OPEN_FILES), format(lake));
        });
    }

    private static TableFormat format(ConfigValues lake) {
        if (!"iceberg".equals(lake.get(LakeOptions.FORMAT))) {
            return TableFormat.PARQUET;
        }
        ConfigValues catalog = lake.get(LakeOptions.CATALOG_SECTION);
        if (catalog == null) {
            return new TableFormat.Iceberg(new IcebergCatalogSettings(null, null, null,
                    LakeOptions.CATALOG_NAMESPACE.defaultValue()));
        }
        return new TableFormat.Iceberg(new IcebergCatalogSettings(catalog.get(LakeOptions.CATALOG_URI),
                catalog.get(LakeOptions.CATALOG_USER), catalog.get(LakeOptions.CATALOG_PASSWORD),
                catalog.get(LakeOptions.CATALOG_NAMESPACE)));
    }
}
