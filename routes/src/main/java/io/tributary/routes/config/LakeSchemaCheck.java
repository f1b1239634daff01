package io.tributary.routes.config;

import io.tributary.lake.ColumnType;
import io.tributary.lake.schema.SchemaColumn;
import io.tributary.lake.schema.SchemaConflict;
import io.tributary.lake.schema.SchemaStore;
import io.tributary.lake.schema.SmallFiles;
import io.tributary.lake.schema.TableSchema;
import io.tributary.lake.schema.TypeChange;
import io.tributary.spec.ConfigValues;
import io.tributary.spec.Problems;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Compares each source's declared lake columns with the schema its table recorded under the hub's
 * lake root ({@code <root>/<table>/_tributary/schema.json}): a column whose type would narrow or
 * change kind is a problem at its {@code type} key, so neither {@code validate} nor {@code run}
 * goes on with it. Tables with no recorded schema have nothing to conflict with. The same rule
 * stops a sink at start ({@code io.tributary.lake.schema.SchemaRecorder}), whatever the storage.
 */
final class LakeSchemaCheck {

    private LakeSchemaCheck() {
    }

    /**
     * Checks tables on local lake storage only: reading an object store would need its network
     * and credentials here; there the sink refuses the same conflicts when it starts.
     */
    static void check(HubConfig hub, List<SourceConfig> sources, Problems problems) {
        if (!"local".equals(hub.lakeStorage().get(LakeStorageOptions.TYPE))) {
            return;
        }
        Path lakeRoot = hub.lakeRoot();
        SchemaStore store = new SchemaStore(SmallFiles.local(lakeRoot));
        for (SourceConfig source : sources) {
            source.lake().ifPresent(lake -> check(store, lakeRoot, lake, problems));
        }
    }

    private static void check(SchemaStore store, Path lakeRoot, ConfigValues lake, Problems problems) {
        String table = lake.get(LakeOptions.TABLE);
        if (table == null) {
            return;
        }
        TableSchema recorded;
        try {
            recorded = store.load(table);
        } catch (IOException e) {
            problems.add(lake.locationOf(LakeOptions.TABLE), lake.keyPath(LakeOptions.TABLE),
                    "cannot read the recorded schema of table '" + table + "' under " + lakeRoot + ": " + e.getMessage());
            return;
        }
        List<ConfigValues> columns = lake.get(LakeOptions.COLUMNS);
        for (int i = 0; columns != null && i < columns.size(); i++) {
            ConfigValues column = columns.get(i);
            String name = column.get(LakeOptions.COLUMN_NAME);
            String type = column.get(LakeOptions.COLUMN_TYPE);
            if (name == null || type == null) {
                continue;
            }
            ColumnType declared = ColumnType.valueOf(type.toUpperCase(Locale.ROOT));
            Optional<SchemaColumn> before = recorded.column(name);
            if (before.isEmpty()) {
                continue;
            }
            TypeChange change = TypeChange.of(before.get().type(), declared);
            if (!change.allowed()) {
                column.report(LakeOptions.COLUMN_TYPE,
                        new SchemaConflict(i, name, before.get().type(), declared, change).message(table));
            }
        }
    }
}
