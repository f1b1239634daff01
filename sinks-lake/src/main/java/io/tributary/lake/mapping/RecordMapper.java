package io.tributary.lake.mapping;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.tributary.lake.LakeColumn;
import io.tributary.lake.LakeTable;
import io.tributary.lake.schema.FieldInference;
import io.tributary.lake.schema.SchemaColumn;
import io.tributary.lake.schema.SchemaEvolution;
import io.tributary.lake.schema.SchemaListener;
import io.tributary.lake.schema.TableSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * Turns one Kafka record (key = device id, value = JSON payload, CloudEvents headers) into a row
 * of the table's {@link LakeSchema}, or into the reason it cannot be one. Mapping depends only on
 * the record, the table and the table's schema, so a replay maps every record to the same values
 * (with inference on, a replay may see a wider schema than the first attempt: the same values,
 * plus nulls in columns added since).
 */
public final class RecordMapper {

    /** CloudEvents Kafka binding header with the RFC 3339 event time. */
    public static final String CE_TIME_HEADER = "ce_time";
    /** Header with the name of the hub source that wrote the record. */
    public static final String SOURCE_HEADER = "tributary_source";

    private static final int FIRST_DECLARED = 6;

    private final LakeTable table;
    private final SchemaListener schemaListener;
    private final FieldInference inference;
    private final String eventTimePointerText;
    private final JsonPointer eventTimePointer;
    private final ObjectReader reader = new ObjectMapper()
            .readerFor(JsonNode.class)
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private Version current;

    /** A column's position in the row and where its value comes from; pointer null for a column always null. */
    private record Binding(SchemaColumn column, JsonPointer pointer, String pointerText, boolean required,
                           int position) {
        String describe() {
            return "column '" + column.name() + "' (" + column.type() + " at " + pointerText
                    + (column.inferred() ? ", inferred" : "") + ")";
        }
    }

    /** One schema version with its Avro schema and bindings, built once per version. */
    private record Version(TableSchema table, Schema schema, List<Binding> bindings,
                           Map<String, SchemaColumn> columns) {
    }

    /** A mapper for the declared columns only, as on a table with no recorded schema. */
    public RecordMapper(LakeTable table) {
        this(table, SchemaEvolution.evolve(table.name(), TableSchema.empty(), table.columns()), SchemaListener.NONE);
    }

    /**
     * @param schema         the table's schema at start: its recorded schema evolved by the declared
     *                       columns ({@link SchemaEvolution#evolve})
     * @param schemaListener told before the first row of each wider version is returned, when
     *                       {@link LakeTable#inferColumns()} finds new fields or wider types
     */
    public RecordMapper(LakeTable table, TableSchema schema, SchemaListener schemaListener) {
        this.table = table;
        this.schemaListener = schemaListener;
        this.inference = table.inferColumns() ? new FieldInference(table.name(), table.columns()) : null;
        this.eventTimePointerText = table.eventTimePointer();
        this.eventTimePointer = eventTimePointerText == null ? null : JsonPointer.compile(eventTimePointerText);
        this.current = version(schema);
    }

    private Version version(TableSchema tableSchema) {
        Map<String, LakeColumn> declared = new HashMap<>();
        table.columns().forEach(column -> declared.put(column.name(), column));
        List<Binding> list = new ArrayList<>();
        Map<String, SchemaColumn> byName = new HashMap<>();
        int position = FIRST_DECLARED;
        for (SchemaColumn column : tableSchema.columns()) {
            byName.put(column.name(), column);
            LakeColumn declaration = declared.get(column.name());
            // a recorded column no longer declared is still filled while inference is on, else left null
            String pointer = declaration != null ? declaration.pointer() : inference != null ? column.pointer() : null;
            list.add(new Binding(column, pointer == null ? null : JsonPointer.compile(pointer), pointer,
                    declaration != null && declaration.required(), position++));
        }
        return new Version(tableSchema, LakeSchema.of(table, tableSchema), List.copyOf(list), Map.copyOf(byName));
    }

    /** The schema of the rows this mapper produces now; it only ever gets wider. */
    public Schema schema() {
        return current.schema();
    }

    /** The table's schema version rows are mapped with now. */
    public TableSchema tableSchema() {
        return current.table();
    }

    /**
     * Maps a record to a row of the current schema, widening the schema first when inference finds
     * a new field or a wider type in it (and the record is otherwise valid).
     *
     * @throws UncheckedIOException when the schema listener could not record a wider schema
     */
    public MappingResult map(ConsumerRecord<byte[], byte[]> record) {
        try {
            return mapOrReject(record);
        } catch (Rejection rejection) {
            return new MappingResult.Rejected(rejection.getMessage());
        }
    }

    private MappingResult mapOrReject(ConsumerRecord<byte[], byte[]> record) throws Rejection {
        JsonNode payload = parseObject(record.value());
        if (record.timestamp() < 0) {
            throw new Rejection("the Kafka record has no timestamp, so ingest_time is unknown");
        }
        Version version = current;
        if (inference != null) {
            List<SchemaColumn> wanted = inference.newColumns(payload, version.columns());
            if (!wanted.isEmpty()) {
                version = version(version.table().widen(wanted));
            }
        }
        GenericData.Record row = new GenericData.Record(version.schema());
        long eventTime = eventTime(payload, record);
        row.put(0, record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8));
        row.put(1, eventTime);
        row.put(2, record.timestamp());
        row.put(3, headerText(record, SOURCE_HEADER));
        row.put(4, record.partition());
        row.put(5, record.offset());
        for (Binding binding : version.bindings()) {
            row.put(binding.position(), binding.pointer() == null ? null
                    : columnValue(binding, payload.at(binding.pointer())));
        }
        if (version != current) {
            adopt(version);
        }
        return new MappingResult.Mapped(row, eventTime);
    }

    /** Makes a wider version current, once the listener has recorded it. */
    private void adopt(Version wider) {
        TableSchema before = current.table();
        try {
            schemaListener.schemaWidened(new SchemaListener.Change(table.name(), before, wider.table(),
                    wider.table().changesSince(before.version())));
        } catch (IOException e) {
            throw new UncheckedIOException("lake table '" + table.name() + "': could not record schema version "
                    + wider.table().version(), e);
        }
        current = wider;
    }

    private JsonNode parseObject(byte[] value) throws Rejection {
        if (value == null || value.length == 0) {
            throw new Rejection("payload is empty, expected a JSON object");
        }
        JsonNode payload;
        try {
            payload = reader.readValue(value);
        } catch (JsonProcessingException e) {
            throw new Rejection("payload is not valid JSON: " + Describe.clip(firstLine(e.getOriginalMessage())));
        } catch (IOException e) {
            throw new Rejection("payload cannot be read as JSON: " + Describe.clip(firstLine(e.getMessage())));
        }
        if (payload == null || !payload.isObject()) {
            String got = payload == null || payload.isMissingNode() ? "nothing" : Describe.value(payload);
            throw new Rejection("payload is " + got + ", expected a JSON object");
        }
        return payload;
    }

    private Object columnValue(Binding binding, JsonNode node) throws Rejection {
        if (node.isMissingNode() || node.isNull()) {
            if (binding.required()) {
                throw new Rejection("required " + binding.describe() + " is "
                        + (node.isMissingNode() ? "missing" : "null"));
            }
            return null;
        }
        try {
            return ColumnValues.convert(binding.column().type(), node);
        } catch (Rejection rejection) {
            throw new Rejection(binding.describe() + ": " + rejection.getMessage());
        }
    }

    /** The payload's event time when configured and present, else ce_time, else the record timestamp. */
    private long eventTime(JsonNode payload, ConsumerRecord<byte[], byte[]> record) throws Rejection {
        if (eventTimePointer != null) {
            JsonNode node = payload.at(eventTimePointer);
            if (!node.isMissingNode() && !node.isNull()) {
                try {
                    return Timestamps.fromJson(node);
                } catch (Rejection rejection) {
                    throw new Rejection("event time at " + eventTimePointerText + ": " + rejection.getMessage());
                }
            }
        }
        String ceTime = headerText(record, CE_TIME_HEADER);
        if (ceTime != null) {
            try {
                return Timestamps.fromText(ceTime);
            } catch (Rejection rejection) {
                throw new Rejection("event time in header " + CE_TIME_HEADER + ": " + rejection.getMessage());
            }
        }
        return record.timestamp();
    }

    private static String headerText(ConsumerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        if (header == null || header.value() == null) {
            return null;
        }
        return new String(header.value(), StandardCharsets.UTF_8);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
