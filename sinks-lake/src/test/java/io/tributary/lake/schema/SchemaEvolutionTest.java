package io.tributary.lake.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.lake.ColumnType;
import io.tributary.lake.LakeColumn;
import java.util.List;
import org.junit.jupiter.api.Test;

class SchemaEvolutionTest {

    private static LakeColumn column(String name, ColumnType type) {
        return new LakeColumn(name, type, "/" + name, false);
    }

    private final TableSchema recorded = SchemaEvolution.evolve("fleet", TableSchema.empty(),
            List.of(column("temperature", ColumnType.DOUBLE), column("count", ColumnType.INT)));

    @Test
    void recordsTheDeclaredColumnsAsVersionOne() {
        assertThat(recorded.version()).isEqualTo(1);
        assertThat(recorded.columns()).extracting(SchemaColumn::name).containsExactly("temperature", "count");
        assertThat(recorded.versions()).singleElement().satisfies(v ->
                assertThat(v.changes()).extracting(ColumnChange::toString)
                        .containsExactly("added temperature double", "added count int"));
    }

    @Test
    void keepsTheVersionWhenNothingChanges() {
        TableSchema same = SchemaEvolution.evolve("fleet", recorded,
                List.of(column("count", ColumnType.INT), column("temperature", ColumnType.DOUBLE)));
        assertThat(same).isSameAs(recorded);
    }

    @Test
    void addsNewColumnsAndWidensTypesAsOneNewVersion() {
        TableSchema wider = SchemaEvolution.evolve("fleet", recorded,
                List.of(column("temperature", ColumnType.DOUBLE), column("count", ColumnType.LONG),
                        column("humidity", ColumnType.FLOAT)));
        assertThat(wider.version()).isEqualTo(2);
        assertThat(wider.columns()).extracting(SchemaColumn::name, SchemaColumn::type).containsExactly(
                org.assertj.core.groups.Tuple.tuple("temperature", ColumnType.DOUBLE),
                org.assertj.core.groups.Tuple.tuple("count", ColumnType.LONG),
                org.assertj.core.groups.Tuple.tuple("humidity", ColumnType.FLOAT));
        assertThat(wider.changesSince(1)).extracting(ColumnChange::toString)
                .containsExactly("widened count int -> long", "added humidity float");
    }

    @Test
    void keepsColumnsTheConfigNoLongerDeclares() {
        TableSchema later = SchemaEvolution.evolve("fleet", recorded, List.of(column("count", ColumnType.INT)));
        assertThat(later).isSameAs(recorded);
        assertThat(later.column("temperature")).isPresent();
    }

    @Test
    void reportsNarrowingAndIncompatibleColumnsWithTheirPosition() {
        SchemaEvolution.Reconciled reconciled = SchemaEvolution.reconcile(recorded,
                List.of(column("extra", ColumnType.STRING), column("temperature", ColumnType.LONG),
                        column("count", ColumnType.STRING)));
        assertThat(reconciled.conflicts()).extracting(SchemaConflict::declaredIndex, SchemaConflict::change)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1, TypeChange.NARROWING),
                        org.assertj.core.groups.Tuple.tuple(2, TypeChange.INCOMPATIBLE));
        assertThat(reconciled.conflicts().get(0).message("fleet_telemetry")).isEqualTo("column 'temperature' was"
                + " double in table 'fleet_telemetry' and cannot become long (narrowing); add a new column instead");
        assertThat(reconciled.conflicts().get(1).message("fleet")).isEqualTo("column 'count' was int in table"
                + " 'fleet' and cannot become string (incompatible types); add a new column instead");
    }

    @Test
    void refusesToEvolveIntoAConflict() {
        assertThatThrownBy(() -> SchemaEvolution.evolve("fleet", recorded, List.of(column("count", ColumnType.BOOLEAN))))
                .isInstanceOf(IncompatibleSchemaException.class)
                .hasMessage("lake table 'fleet': column 'count' was int in table 'fleet' and cannot become boolean"
                        + " (incompatible types); add a new column instead");
    }

    @Test
    void ignoresAnInferredNarrowerTypeButRefusesAnIncompatibleOne() {
        SchemaColumn asLong = new SchemaColumn("temperature", ColumnType.LONG, "/temperature", true);
        assertThat(recorded.widen(List.of(asLong))).isSameAs(recorded);
        SchemaColumn asText = new SchemaColumn("temperature", ColumnType.STRING, "/temperature", true);
        assertThatThrownBy(() -> recorded.widen(List.of(asText))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'temperature' is double and cannot become string");
    }
}
