package io.tributary.lake.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.lake.ColumnType;
import io.tributary.lake.EnvelopeColumns;
import io.tributary.lake.LakeColumn;
import io.tributary.lake.LakeTable;
import io.tributary.lake.PartitionGranularity;
import io.tributary.lake.RollPolicy;
import java.time.Duration;
import java.util.List;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

class LakeSchemaTest {

    private final Schema schema = LakeSchema.of(new LakeTable("fleet", "in", "in.dlq", PartitionGranularity.DAY,
            List.of(new LakeColumn("temp", ColumnType.DOUBLE, "/temp", false),
                    new LakeColumn("seen", ColumnType.TIMESTAMP, "/seen", true)),
            new RollPolicy(10, 10, Duration.ofSeconds(1)), null));

    @Test
    void putsEnvelopeColumnsBeforeDeclaredColumns() {
        assertThat(schema.getFields()).extracting(Schema.Field::name)
                .containsExactly("device_id", "event_time", "ingest_time", "source", "kafka_partition",
                        "kafka_offset", "temp", "seen");
        assertThat(EnvelopeColumns.NAMES).containsExactlyElementsOf(
                schema.getFields().stream().limit(6).map(Schema.Field::name).toList());
    }

    @Test
    void makesOptionalColumnsNullableAndRequiredOnesNot() {
        assertThat(schema.getField("temp").schema().isNullable()).isTrue();
        assertThat(schema.getField("seen").schema().isNullable()).isFalse();
        assertThat(schema.getField("kafka_offset").schema().isNullable()).isFalse();
        assertThat(schema.getField("device_id").schema().isNullable()).isTrue();
    }

    @Test
    void storesTimesAsTimestampMillis() {
        assertThat(schema.getField("event_time").schema().getLogicalType()).isEqualTo(LogicalTypes.timestampMillis());
        assertThat(schema.getField("ingest_time").schema().getLogicalType()).isEqualTo(LogicalTypes.timestampMillis());
        assertThat(schema.getField("seen").schema().getLogicalType()).isEqualTo(LogicalTypes.timestampMillis());
    }
}
