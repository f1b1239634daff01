package io.tributary.lake.schema;

import io.tributary.lake.ColumnType;

/**
 * A declared column whose type the table's recorded schema cannot take: a narrowing or an
 * incompatible change. Old files would hold values the new type cannot read.
 *
 * @param declaredIndex the position of the column in the source's {@code lake.columns}
 * @param column        the column name
 * @param recorded      the type the table has
 * @param declared      the type the config now declares
 * @param change        {@link TypeChange#NARROWING} or {@link TypeChange#INCOMPATIBLE}
 */
public record SchemaConflict(int declaredIndex, String column, ColumnType recorded, ColumnType declared,
                             TypeChange change) {

    /** e.g. {@code column 'temperature' was double in table 'fleet' and cannot become long (narrowing); add a new column instead}. */
    public String message(String table) {
        return "column '" + column + "' was " + TypeChange.configName(recorded) + " in table '" + table
                + "' and cannot become " + TypeChange.configName(declared) + " ("
                + (change == TypeChange.NARROWING ? "narrowing" : "incompatible types")
                + "); add a new column instead";
    }
}
