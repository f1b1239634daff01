package io.tributary.lake.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.lake.ColumnType;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Keeps each table's {@link TableSchema} in {@code <table>/_tributary/schema.json}, so a restarted
 * sink writes with every column the table ever had and {@code validate} can refuse a narrowing:
 * <pre>{@code
 * {"table": "fleet", "version": 2,
 *  "columns": [{"name": "temp", "type": "double", "path": "/temp", "inferred": false}, ...],
 *  "versions": [{"version": 1, "changes": [{"column": "temp", "to": "double", "inferred": false}]},
 *               {"version": 2, "changes": [{"column": "hum", "from": "long", "to": "double", "inferred": true}]}]}
 * }</pre>
 */
public final class SchemaStore {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final SmallFiles files;

    public SchemaStore(SmallFiles files) {
        this.files = files;
    }

    /** The file of a table, relative to the lake root. */
    public static String path(String table) {
        return table + "/_tributary/schema.json";
    }

    /** The recorded schema, or {@link TableSchema#empty()} when the table has none yet. */
    public TableSchema load(String table) throws IOException {
        Optional<byte[]> content = files.read(path(table));
        if (content.isEmpty()) {
            return TableSchema.empty();
        }
        try {
            return parse(JSON.readTree(content.get()));
        } catch (IOException | RuntimeException e) {
            throw new IOException(path(table) + " is not a schema file this version can read (" + e.getMessage()
                    + "); restore it or delete it to start the table's schema history anew", e);
        }
    }

    public void save(String table, TableSchema schema) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("table", table);
        root.put("version", schema.version());
        ArrayNode columns = root.putArray("columns");
        for (SchemaColumn column : schema.columns()) {
            columns.addObject().put("name", column.name()).put("type", TypeChange.configName(column.type()))
                    .put("path", column.pointer()).put("inferred", column.inferred());
        }
        ArrayNode versions = root.putArray("versions");
        for (SchemaVersion version : schema.versions()) {
            ObjectNode entry = versions.addObject().put("version", version.version());
            ArrayNode changes = entry.putArray("changes");
            for (ColumnChange change : version.changes()) {
                ObjectNode node = changes.addObject().put("column", change.column());
                if (!change.added()) {
                    node.put("from", TypeChange.configName(change.from()));
                }
                node.put("to", TypeChange.configName(change.to())).put("inferred", change.inferred());
            }
        }
        files.write(path(table), JSON.writeValueAsBytes(root));
    }

    private static TableSchema parse(JsonNode root) {
        List<SchemaColumn> columns = new ArrayList<>();
        for (JsonNode column : required(root, "columns")) {
            columns.add(new SchemaColumn(required(column, "name").asText(), type(required(column, "type")),
                    required(column, "path").asText(), column.path("inferred").asBoolean(false)));
        }
        List<SchemaVersion> versions = new ArrayList<>();
        for (JsonNode version : root.path("versions")) {
            List<ColumnChange> changes = new ArrayList<>();
            for (JsonNode change : version.path("changes")) {
                changes.add(new ColumnChange(required(change, "column").asText(),
                        change.hasNonNull("from") ? type(change.get("from")) : null,
                        type(required(change, "to")), change.path("inferred").asBoolean(false)));
            }
            versions.add(new SchemaVersion(required(version, "version").asInt(), changes));
        }
        return new TableSchema(required(root, "version").asInt(), columns, versions);
    }

    private static JsonNode required(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new IllegalArgumentException("'" + field + "' is missing");
        }
        return value;
    }

    private static ColumnType type(JsonNode node) {
        return ColumnType.valueOf(node.asText().toUpperCase(Locale.ROOT));
    }
}
