package io.tributary.lake.mapping;

import static io.tributary.lake.testing.Records.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.lake.ColumnType;
import io.tributary.lake.LakeColumn;
import io.tributary.lake.LakeTable;
import io.tributary.lake.PartitionGranularity;
import io.tributary.lake.RollPolicy;
import io.tributary.lake.schema.ColumnChange;
import io.tributary.lake.schema.SchemaColumn;
import io.tributary.lake.schema.SchemaEvolution;
import io.tributary.lake.schema.SchemaListener;
import io.tributary.lake.schema.TableSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

class RecordMapperInferenceTest {

    private static final RollPolicy ROLL = new RollPolicy(1000, 1 << 20, Duration.ofSeconds(60));
    private static final LakeColumn TEMP = new LakeColumn("temp", ColumnType.DOUBLE, "/temp", true);

    private final List<SchemaListener.Change> changes = new ArrayList<>();

    private static LakeTable table(boolean infer) {
        return new LakeTable("fleet", "t", "t.dlq", PartitionGranularity.DAY, List.of(TEMP), ROLL, null, infer, 64);
    }

    private RecordMapper mapper(boolean infer) {
        LakeTable table = table(infer);
        return new RecordMapper(table, SchemaEvolution.evolve(table.name(), TableSchema.empty(), table.columns()),
                changes::add);
    }

    private static MappingResult map(RecordMapper mapper, long offset, String json) {
        return mapper.map(record("t", 0, offset).json(json).build());
    }

    private static GenericRecord row(RecordMapper mapper, long offset, String json) {
        MappingResult result = map(mapper, offset, json);
        assertThat(result).isInstanceOf(MappingResult.Mapped.class);
        return ((MappingResult.Mapped) result).row();
    }

    @Test
    void ignoresUndeclaredFieldsWhenInferenceIsOff() {
        RecordMapper mapper = mapper(false);
        Schema before = mapper.schema();
        GenericRecord row = row(mapper, 0, "{\"temp\": 1, \"hum\": 40}");
        assertThat(row.getSchema()).isSameAs(before);
        assertThat(row.getSchema().getField("hum")).isNull();
        assertThat(changes).isEmpty();
    }

    @Test
    void addsANewFieldAsAnOptionalColumnAndTellsTheListenerFirst() {
        RecordMapper mapper = mapper(true);
        GenericRecord first = row(mapper, 0, "{\"temp\": 1}");
        GenericRecord second = row(mapper, 1, "{\"temp\": 2, \"Hum\": 40}");

        assertThat(first.getSchema().getField("hum")).isNull();
        assertThat(second.get("hum")).isEqualTo(40L);
        assertThat(second.getSchema().getField("hum").schema().isNullable()).isTrue();
        assertThat(changes).singleElement().satisfies(change -> {
            assertThat(change.before().version()).isEqualTo(1);
            assertThat(change.after().version()).isEqualTo(2);
            assertThat(change.changes()).containsExactly(new ColumnChange("hum", null, ColumnType.LONG, true));
        });
        assertThat(mapper.tableSchema().version()).isEqualTo(2);
    }

    @Test
    void writesOlderNarrowerRecordsIntoTheWiderSchemaWithNulls() {
        RecordMapper mapper = mapper(true);
        GenericRecord wide = row(mapper, 0, "{\"temp\": 1, \"hum\": 40}");
        GenericRecord narrow = row(mapper, 1, "{\"temp\": 2}");
        assertThat(narrow.getSchema()).isSameAs(wide.getSchema());
        assertThat(narrow.get("hum")).isNull();
        assertThat(changes).hasSize(1);
    }

    @Test
    void widensAnIntegralColumnToDoubleOnceAndKeepsIt() {
        RecordMapper mapper = mapper(true);
        row(mapper, 0, "{\"temp\": 1, \"hum\": 40}");
        GenericRecord fractional = row(mapper, 1, "{\"temp\": 1, \"hum\": 40.5}");
        GenericRecord integral = row(mapper, 2, "{\"temp\": 1, \"hum\": 41}");
        assertThat(fractional.get("hum")).isEqualTo(40.5);
        assertThat(integral.get("hum")).isEqualTo(41.0);
        assertThat(integral.getSchema()).isSameAs(fractional.getSchema());
        assertThat(changes).hasSize(2);
        assertThat(changes.get(1).changes()).containsExactly(
                new ColumnChange("hum", ColumnType.LONG, ColumnType.DOUBLE, true));
    }

    @Test
    void deadLettersAValueTheInferredTypeCannotHold() {
        RecordMapper mapper = mapper(true);
        row(mapper, 0, "{\"temp\": 1, \"hum\": 40}");
        MappingResult result = map(mapper, 1, "{\"temp\": 1, \"hum\": \"high\"}");
        assertThat(result).isEqualTo(new MappingResult.Rejected(
                "column 'hum' (LONG at /hum, inferred): expected an integer, got string \"high\""));
    }

    @Test
    void doesNotWidenForARecordThatIsDeadLettered() {
        RecordMapper mapper = mapper(true);
        Schema before = mapper.schema();
        assertThat(map(mapper, 0, "{\"hum\": 40}")).isInstanceOf(MappingResult.Rejected.class);
        assertThat(mapper.schema()).isSameAs(before);
        assertThat(changes).isEmpty();
    }

    @Test
    void fillsRecordedColumnsAfterARestart() {
        LakeTable table = table(true);
        TableSchema recorded = SchemaEvolution.evolve("fleet", TableSchema.empty(), table.columns())
                .widen(List.of(new SchemaColumn("hum", ColumnType.DOUBLE, "/Hum", true)));
        RecordMapper mapper = new RecordMapper(table, recorded, changes::add);
        assertThat(row(mapper, 0, "{\"temp\": 1, \"Hum\": 3}").get("hum")).isEqualTo(3.0);
        assertThat(changes).isEmpty();

        RecordMapper withoutInference = new RecordMapper(table(false), recorded, changes::add);
        GenericRecord row = row(withoutInference, 0, "{\"temp\": 1, \"Hum\": 3}");
        assertThat(row.getSchema().getField("hum")).isNotNull();
        assertThat(row.get("hum")).isNull();
    }

    @Test
    void failsWhenTheWiderSchemaCannotBeRecorded() {
        LakeTable table = table(true);
        RecordMapper mapper = new RecordMapper(table, SchemaEvolution.evolve("fleet", TableSchema.empty(),
                table.columns()), change -> {
                    throw new IOException("disk full");
                });
        Schema before = mapper.schema();
        assertThatThrownBy(() -> map(mapper, 0, "{\"temp\": 1, \"hum\": 1}")).isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("could not record schema version 2");
        assertThat(mapper.schema()).isSameAs(before);
    }
}
