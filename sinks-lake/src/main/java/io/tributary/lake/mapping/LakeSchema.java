package io.tributary.lake.mapping;

import io.tributary.lake.ColumnType;
import io.tributary.lake.EnvelopeColumns;
import io.tributary.lake.LakeColumn;
import io.tributary.lake.LakeTable;
import io.tributary.lake.schema.SchemaColumn;
import io.tributary.lake.schema.SchemaEvolution;
import io.tributary.lake.schema.TableSchema;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;

/** The Avro schema (and so the Parquet schema) of a lake table's files. */
public final class LakeSchema {

    private static final String RECORD_NAME = "LakeRow";
    private static final String NAMESPACE = "io.tributary.lake";

    private LakeSchema() {
    }

    /** Envelope columns first, in {@link EnvelopeColumns#NAMES} order, then the declared columns. */
    public static Schema of(LakeTable table) {
        return of(table, SchemaEvolution.evolve(table.name(), TableSchema.empty(), table.columns()));
    }

    /**
     * Envelope columns first, then the columns of the table's recorded schema in their order. A
     * column is required only when the source declares it now with {@code required: true}; every
     * other one (inferred, or no longer declared) is nullable.
     */
    public static Schema of(LakeTable table, TableSchema tableSchema) {
        Map<String, LakeColumn> declared = new HashMap<>();
        table.columns().forEach(column -> declared.put(column.name(), column));
        SchemaBuilder.FieldAssembler<Schema> fields = SchemaBuilder.record(RECORD_NAME)
                .namespace(NAMESPACE)
                .doc("Rows of lake table " + table.name() + " read from Kafka topic " + table.topic())
                .fields();
        fields.name(EnvelopeColumns.DEVICE_ID).type(nullable(Schema.create(Schema.Type.STRING))).withDefault(null);
        fields.name(EnvelopeColumns.EVENT_TIME).type(timestampMillis()).noDefault();
        fields.name(EnvelopeColumns.INGEST_TIME).type(timestampMillis()).noDefault();
        fields.name(EnvelopeColumns.SOURCE).type(nullable(Schema.create(Schema.Type.STRING))).withDefault(null);
        fields.name(EnvelopeColumns.KAFKA_PARTITION).type(Schema.create(Schema.Type.INT)).noDefault();
        fields.name(EnvelopeColumns.KAFKA_OFFSET).type(Schema.create(Schema.Type.LONG)).noDefault();
        for (SchemaColumn column : tableSchema.columns()) {
            Schema type = avroType(column.type());
            LakeColumn declaration = declared.get(column.name());
            if (declaration != null && declaration.required()) {
                fields.name(column.name()).doc(column.pointer()).type(type).noDefault();
            } else {
                fields.name(column.name()).doc(column.pointer()).type(nullable(type)).withDefault(null);
            }
        }
        return fields.endRecord();
    }

    static Schema avroType(ColumnType type) {
        return switch (type) {
            case STRING -> Schema.create(Schema.Type.STRING);
            case INT -> Schema.create(Schema.Type.INT);
            case LONG -> Schema.create(Schema.Type.LONG);
            case DOUBLE -> Schema.create(Schema.Type.DOUBLE);
            case FLOAT -> Schema.create(Schema.Type.FLOAT);
            case BOOLEAN -> Schema.create(Schema.Type.BOOLEAN);
            case TIMESTAMP -> timestampMillis();
        };
    }

    private static Schema timestampMillis() {
        return LogicalTypes.timestampMillis().addToSchema(Schema.create(Schema.Type.LONG));
    }

    private static Schema nullable(Schema type) {
        return Schema.createUnion(Schema.create(Schema.Type.NULL), type);
    }
}
