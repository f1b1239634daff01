package io.tributary.routes.runtime;

import io.tributary.lake.ColumnType;
import io.tributary.lake.LakeColumn;
import io.tributary.lake.LakeTable;
import io.tributary.lake.PartitionGranularity;
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
                    PartitionGranularity.valueOf(lake.get(LakeOptions.PARTITION_BY).toUpperCase(Locale.ROOT)),
                    columns,
                    new RollPolicy(roll.get(LakeOptions.ROLL_MAX_RECORDS), roll.get(LakeOptions.ROLL_MAX_BYTES),
                            roll.get(LakeOptions.ROLL_MAX_AGE)),
                    lake.get(LakeOptions.EVENT_TIME), lake.get(LakeOptions.INFER_COLUMNS),
                    lake.get(LakeOptions.MAX_OPEN_FILES));
        });
    }
}
