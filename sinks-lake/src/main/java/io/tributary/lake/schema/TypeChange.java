package io.tributary.lake.schema;

import io.tributary.lake.ColumnType;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * What changing a column's type from one version of a table to the next means for files that
 * already hold it. Only {@link #SAME} and {@link #WIDENING} are allowed: every value an older file
 * holds is then still a value of the new type, so a reader that unions the files by name (DuckDB's
 * {@code union_by_name}, Spark's {@code mergeSchema}) reads old and new files as one table.
 */
public enum TypeChange {
    /** The same type. */
    SAME,
    /** int to long or double, long to double, float to double: every old value fits the new type. */
    WIDENING,
    /** A numeric type to a smaller one (double to long, long to int, double to float, ...): old values may not fit. */
    NARROWING,
    /** Anything else (string to a number, timestamp to long, boolean to string, ...). */
    INCOMPATIBLE;

    private static final Set<ColumnType> NUMERIC =
            Set.of(ColumnType.INT, ColumnType.LONG, ColumnType.FLOAT, ColumnType.DOUBLE);

    /** How a column recorded as {@code from} relates to the same column declared or inferred as {@code to}. */
    public static TypeChange of(ColumnType from, ColumnType to) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (from == to) {
            return SAME;
        }
        if (widens(from, to)) {
            return WIDENING;
        }
        return NUMERIC.contains(from) && NUMERIC.contains(to) ? NARROWING : INCOMPATIBLE;
    }

    public boolean allowed() {
        return this == SAME || this == WIDENING;
    }

    private static boolean widens(ColumnType from, ColumnType to) {
        return switch (from) {
            case INT -> to == ColumnType.LONG || to == ColumnType.DOUBLE;
            case LONG, FLOAT -> to == ColumnType.DOUBLE;
            default -> false;
        };
    }

    /** The type as the config spells it: {@code double}, {@code long}. */
    static String configName(ColumnType type) {
        return type.name().toLowerCase(Locale.ROOT);
    }
}
