package io.tributary.lake;

/**
 * The Parquet type of a declared lake column and what JSON value it accepts.
 *
 * <p>A value that does not fit sends the whole record to the dead-letter topic with the reason.
 */
public enum ColumnType {
    /** UTF-8 string. Accepts a JSON string; a number or boolean is stored as its JSON text. */
    STRING,
    /** 32-bit signed integer. Accepts a JSON integer within the int range. */
    INT,
    /** 64-bit signed integer. Accepts a JSON integer within the long range. */
    LONG,
    /** 64-bit floating point. Accepts any finite JSON number. */
    DOUBLE,
    /** 32-bit floating point. Accepts a JSON number within the float range (rounded to float). */
    FLOAT,
    /** Accepts JSON {@code true} or {@code false} only. */
    BOOLEAN,
    /**
     * Milliseconds since the epoch, UTC ({@code timestamp-millis}). Accepts an ISO-8601 string
     * with an offset ({@code 2026-11-21T08:15:00.250Z}, {@code 2026-11-21T09:15:00+01:00}) or an
     * integer of epoch milliseconds; the year must lie between 1 and 9999.
     */
    TIMESTAMP
}
