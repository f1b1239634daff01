package io.tributary.lake;

import com.fasterxml.jackson.core.JsonPointer;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A column a source declares for its lake table: its value is read from the JSON payload at
 * {@code pointer} (RFC 6901, e.g. {@code /sensors/temp}) and converted to {@code type}.
 *
 * @param name     the Parquet column name: a letter or underscore, then letters, digits or
 *                 underscores; not one of {@link EnvelopeColumns#NAMES}
 * @param type     the column type and the JSON values it accepts
 * @param pointer  a non-empty JSON pointer into the payload
 * @param required when true, a record whose value is missing or JSON {@code null} is dead-lettered;
 *                 when false the column is nullable and such a record gets {@code null}
 */
public record LakeColumn(String name, ColumnType type, String pointer, boolean required) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    public LakeColumn {
        Objects.requireNonNull(name, "lake column name");
        Objects.requireNonNull(type, () -> "type of lake column '" + name + "'");
        Objects.requireNonNull(pointer, () -> "pointer of lake column '" + name + "'");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("lake column name '" + name
                    + "' is not valid: use a letter or '_' followed by letters, digits or '_'");
        }
        requireJsonPointer(pointer, "pointer of lake column '" + name + "'");
    }

    static void requireJsonPointer(String pointer, String what) {
        if (pointer.isEmpty()) {
            throw new IllegalArgumentException(what
                    + " is empty: it must point inside the payload, e.g. '/temperature'");
        }
        try {
            JsonPointer.compile(pointer);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + " '" + pointer
                    + "' is not a JSON pointer: it must start with '/', e.g. '/sensors/temp'", e);
        }
    }
}
