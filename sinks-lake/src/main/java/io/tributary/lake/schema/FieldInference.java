package io.tributary.lake.schema;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.lake.ColumnType;
import io.tributary.lake.EnvelopeColumns;
import io.tributary.lake.LakeColumn;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds columns in payloads when a table infers them ({@code lake.inferColumns}): every top-level
 * field that no declared column reads and whose value is a string, number or boolean becomes an
 * optional column. Its name is the field name made a valid column name ({@link #columnName});
 * its type is {@code string}, {@code boolean}, {@code long} for an integral number, {@code double}
 * for any other number, and a {@code long} column later seen with a fractional value widens to
 * {@code double}. Null, object and array values add nothing. A field whose column name is taken
 * (by an envelope column, a declared column or another field) is left out and logged once.
 * Not thread-safe: one per sink thread.
 */
public final class FieldInference {

    private static final Logger LOG = LoggerFactory.getLogger(FieldInference.class);
    private static final int MAX_NAME = 63;
    /** Fields already warned about; bounded so payloads with ever new keys cannot grow it without limit. */
    private static final int MAX_REMEMBERED = 1_000;

    private final String table;
    private final Set<String> declaredFields = new HashSet<>();
    private final Set<String> declaredNames = new HashSet<>();
    /** Field name to its column name and pointer, for the fields seen so far (bounded like {@code warned}). */
    private final Map<String, Field> fields = new HashMap<>();
    private final Set<String> warned = new HashSet<>();

    private record Field(String column, String pointer) {
        static Field of(String field) {
            return new Field(columnName(field), FieldInference.pointer(field));
        }
    }

    public FieldInference(String table, List<LakeColumn> declared) {
        this.table = table;
        for (LakeColumn column : declared) {
            declaredNames.add(column.name());
            JsonPointer pointer = JsonPointer.compile(column.pointer());
            declaredFields.add(pointer.getMatchingProperty());
        }
    }

    /**
     * The columns {@code payload} needs beyond {@code schema}: new fields, and {@code long} columns
     * that now see a fractional number (as {@code double}). Empty for the common case, a payload
     * the schema already covers.
     */
    public List<SchemaColumn> newColumns(JsonNode payload, Map<String, SchemaColumn> schema) {
        List<SchemaColumn> wanted = null;
        for (Iterator<Map.Entry<String, JsonNode>> it = payload.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String fieldName = field.getKey();
            if (declaredFields.contains(fieldName)) {
                continue;
            }
            Optional<ColumnType> type = typeOf(field.getValue());
            if (type.isEmpty()) {
                continue;
            }
            Field names = fields.get(fieldName);
            if (names == null) {
                names = Field.of(fieldName);
                if (fields.size() < MAX_REMEMBERED) {
                    fields.put(fieldName, names);
                }
            }
            String name = names.column();
            String pointer = names.pointer();
            SchemaColumn existing = schema.get(name);
            SchemaColumn column;
            if (existing == null) {
                if (EnvelopeColumns.NAMES.contains(name) || declaredNames.contains(name)) {
                    warnOnce(fieldName, name, "an envelope or declared column");
                    continue;
                }
                column = new SchemaColumn(name, type.get(), pointer, true);
            } else if (!existing.pointer().equals(pointer) || declaredNames.contains(name)) {
                warnOnce(fieldName, name, "column '" + name + "' read from " + existing.pointer());
                continue;
            } else if (TypeChange.of(existing.type(), type.get()) == TypeChange.WIDENING) {
                column = existing.withType(type.get());
            } else {
                continue;
            }
            if (wanted == null) {
                wanted = new ArrayList<>(2);
            }
            wanted.add(column);
        }
        return wanted == null ? List.of() : wanted;
    }

    /** The inferred type of a JSON value, or empty for null, objects and arrays. */
    public static Optional<ColumnType> typeOf(JsonNode value) {
        if (value.isTextual()) {
            return Optional.of(ColumnType.STRING);
        }
        if (value.isBoolean()) {
            return Optional.of(ColumnType.BOOLEAN);
        }
        if (value.isIntegralNumber()) {
            return Optional.of(value.canConvertToLong() ? ColumnType.LONG : ColumnType.DOUBLE);
        }
        if (value.isNumber()) {
            return Optional.of(ColumnType.DOUBLE);
        }
        return Optional.empty();
    }

    /**
     * A field name as a column name ({@code [a-z_][a-z0-9_]{0,62}}): lower case, every other
     * character replaced by {@code _}, a leading digit prefixed with {@code _}, at most 63
     * characters. {@code "Temp-C"} becomes {@code temp_c}, {@code "2nd"} becomes {@code _2nd}.
     */
    public static String columnName(String field) {
        StringBuilder name = new StringBuilder(Math.min(field.length() + 1, MAX_NAME));
        String lower = field.toLowerCase(Locale.ROOT);
        for (int i = 0; i < lower.length() && name.length() < MAX_NAME; i++) {
            char c = lower.charAt(i);
            boolean valid = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
            if (name.length() == 0 && c >= '0' && c <= '9') {
                name.append('_');
            }
            name.append(valid ? c : '_');
        }
        if (name.length() == 0) {
            name.append('_');
        }
        return name.length() > MAX_NAME ? name.substring(0, MAX_NAME) : name.toString();
    }

    /** The JSON pointer of a top-level field (RFC 6901 escapes: {@code ~0} for {@code ~}, {@code ~1} for {@code /}). */
    public static String pointer(String field) {
        return "/" + field.replace("~", "~0").replace("/", "~1");
    }

    private void warnOnce(String field, String name, String takenBy) {
        if (warned.size() < MAX_REMEMBERED && warned.add(field)) {
            LOG.warn("Lake table '{}': payload field '{}' is not inferred: its column name '{}' is taken by {};"
                    + " declare it in lake.columns under another name to keep it", table, field, name, takenBy);
        }
    }
}
