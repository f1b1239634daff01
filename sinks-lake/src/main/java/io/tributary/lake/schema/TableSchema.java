package io.tributary.lake.schema;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A lake table's recorded schema: its current columns (after the envelope columns) and how it got
 * there. It only ever grows: a column is added or widened, never narrowed or dropped, so files of
 * every version read as one table. Version 0 is a table nothing was recorded for yet.
 *
 * @param version  1 for the first recorded schema, one more for each change
 * @param columns  the columns in file order: the order they were first added
 * @param versions what each version changed, oldest first
 */
public record TableSchema(int version, List<SchemaColumn> columns, List<SchemaVersion> versions) {

    public TableSchema {
        columns = List.copyOf(columns);
        versions = List.copyOf(versions);
        if (version < 0) {
            throw new IllegalArgumentException("schema version " + version + " is negative");
        }
    }

    /** A table with no recorded schema. */
    public static TableSchema empty() {
        return new TableSchema(0, List.of(), List.of());
    }

    public Optional<SchemaColumn> column(String name) {
        Objects.requireNonNull(name, "name");
        for (SchemaColumn column : columns) {
            if (column.name().equals(name)) {
                return Optional.of(column);
            }
        }
        return Optional.empty();
    }

    /**
     * This schema with {@code wanted} added or widened into it, as a new version, or this schema
     * when nothing changes. A wanted column whose type equals or is narrower than the recorded one
     * changes nothing (callers check narrowing first, see {@link SchemaEvolution}).
     *
     * @throws IllegalArgumentException when a wanted type is incompatible with the recorded one
     */
    public TableSchema widen(List<SchemaColumn> wanted) {
        Map<String, SchemaColumn> next = new LinkedHashMap<>();
        columns.forEach(column -> next.put(column.name(), column));
        List<ColumnChange> changes = new ArrayList<>();
        for (SchemaColumn column : wanted) {
            SchemaColumn recorded = next.get(column.name());
            if (recorded == null) {
                next.put(column.name(), column);
                changes.add(new ColumnChange(column.name(), null, column.type(), column.inferred()));
                continue;
            }
            TypeChange change = TypeChange.of(recorded.type(), column.type());
            if (change == TypeChange.WIDENING) {
                next.put(column.name(), recorded.withType(column.type()));
                changes.add(new ColumnChange(column.name(), recorded.type(), column.type(), column.inferred()));
            } else if (change == TypeChange.INCOMPATIBLE) {
                throw new IllegalArgumentException("column '" + column.name() + "' is "
                        + TypeChange.configName(recorded.type()) + " and cannot become "
                        + TypeChange.configName(column.type()));
            }
        }
        if (changes.isEmpty()) {
            return this;
        }
        List<SchemaVersion> history = new ArrayList<>(versions);
        history.add(new SchemaVersion(version + 1, changes));
        return new TableSchema(version + 1, List.copyOf(next.values()), history);
    }

    /** The changes of the versions after {@code since}, oldest first. */
    public List<ColumnChange> changesSince(int since) {
        List<ColumnChange> changes = new ArrayList<>();
        for (SchemaVersion step : versions) {
            if (step.version() > since) {
                changes.addAll(step.changes());
            }
        }
        return changes;
    }
}
