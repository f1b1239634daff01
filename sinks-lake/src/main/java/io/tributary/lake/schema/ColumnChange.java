package io.tributary.lake.schema;

import io.tributary.lake.ColumnType;
import java.util.Objects;

/**
 * One step of a table's schema history.
 *
 * @param column   the column name
 * @param from     its type before, or null when the column was added
 * @param to       its type after
 * @param inferred whether the change came from a payload (inference) rather than a declaration
 */
public record ColumnChange(String column, ColumnType from, ColumnType to, boolean inferred) {

    public ColumnChange {
        Objects.requireNonNull(column, "column");
        Objects.requireNonNull(to, () -> "new type of column '" + column + "'");
    }

    public boolean added() {
        return from == null;
    }

    @Override
    public String toString() {
        return added() ? "added " + column + " " + TypeChange.configName(to)
                : "widened " + column + " " + TypeChange.configName(from) + " -> " + TypeChange.configName(to);
    }
}
