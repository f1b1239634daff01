package io.tributary.lake.schema;

import io.tributary.lake.ColumnType;
import io.tributary.lake.LakeColumn;
import java.util.Objects;

/**
 * A column of a table's recorded schema: beyond the envelope columns, every column any version of
 * the table ever had. Columns are never dropped: a column a source stops declaring stays, null in
 * newer rows, so files of every version keep reading as one table.
 *
 * @param name     the column name
 * @param type     its current (widest so far) type
 * @param pointer  the JSON pointer its values were last read from
 * @param inferred true when it came from {@link FieldInference} rather than a declaration
 */
public record SchemaColumn(String name, ColumnType type, String pointer, boolean inferred) {

    public SchemaColumn {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, () -> "type of column '" + name + "'");
        Objects.requireNonNull(pointer, () -> "pointer of column '" + name + "'");
    }

    static SchemaColumn declared(LakeColumn column) {
        return new SchemaColumn(column.name(), column.type(), column.pointer(), false);
    }

    SchemaColumn withType(ColumnType wider) {
        return new SchemaColumn(name, wider, pointer, inferred);
    }
}
