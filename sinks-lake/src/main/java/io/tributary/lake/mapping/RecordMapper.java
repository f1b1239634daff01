package io.tributary.lake.mapping;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.tributary.lake.LakeColumn;
import io.tributary.lake.LakeTable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * Turns one Kafka record (key = device id, value = JSON payload, CloudEvents headers) into a row
 * of the table's {@link LakeSchema}, or into the reason it cannot be one. Mapping depends only on
 * the record and the table, so a replay maps every record the same way.
 */
public final class RecordMapper {

    /** CloudEvents Kafka binding header with the RFC 3339 event time. */
    public static final String CE_TIME_HEADER = "ce_time";
    /** Header with the name of the hub source that wrote the record. */
    public static final String SOURCE_HEADER = "tributary_source";

    private static final int FIRST_DECLARED = 6;

    private final Schema schema;
    private final List<Binding> bindings;
    private final String eventTimePointerText;
    private final JsonPointer eventTimePointer;
    private final ObjectReader reader = new ObjectMapper()
            .readerFor(JsonNode.class)
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private record Binding(LakeColumn column, JsonPointer pointer, int position) {
        String describe() {
            return "column '" + column.name() + "' (" + column.type() + " at " + column.pointer() + ")";
        }
    }

    public RecordMapper(LakeTable table) {
        this.schema = LakeSchema.of(table);
        List<Binding> list = new ArrayList<>();
        int position = FIRST_DECLARED;
        for (LakeColumn column : table.columns()) {
            list.add(new Binding(column, JsonPointer.compile(column.pointer()), position++));
        }
        this.bindings = List.copyOf(list);
        this.eventTimePointerText = table.eventTimePointer();
        this.eventTimePointer = eventTimePointerText == null ? null : JsonPointer.compile(eventTimePointerText);
    }

    /** The schema of the rows this mapper produces. */
    public Schema schema() {
        return schema;
    }

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
        GenericData.Record row = new GenericData.Record(schema);
        long eventTime = eventTime(payload, record);
        row.put(0, record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8));
        row.put(1, eventTime);
        row.put(2, record.timestamp());
        row.put(3, headerText(record, SOURCE_HEADER));
        row.put(4, record.partition());
        row.put(5, record.offset());
        for (Binding binding : bindings) {
            row.put(binding.position(), columnValue(binding, payload.at(binding.pointer())));
        }
        return new MappingResult.Mapped(row, eventTime);
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
            if (binding.column().required()) {
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
