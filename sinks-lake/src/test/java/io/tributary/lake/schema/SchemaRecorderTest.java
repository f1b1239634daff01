package io.tributary.lake.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.lake.ColumnType;
import io.tributary.lake.LakeColumn;
import io.tributary.lake.LakeTable;
import io.tributary.lake.PartitionGranularity;
import io.tributary.lake.RollPolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchemaRecorderTest {

    @TempDir
    Path lake;

    private final List<SchemaListener.Change> told = new ArrayList<>();

    private static LakeTable table(LakeColumn... columns) {
        return new LakeTable("fleet", "t", "t.dlq", PartitionGranularity.DAY, List.of(columns),
                new RollPolicy(1, 1, Duration.ofSeconds(1)), null);
    }

    @Test
    void recordsTheDeclaredColumnsAtFirstStartAndOnlyChangesLater() throws Exception {
        SchemaStore store = new SchemaStore(SmallFiles.local(lake));
        SchemaRecorder recorder = new SchemaRecorder(store, told::add);
        LakeTable first = table(new LakeColumn("temp", ColumnType.FLOAT, "/t", true));

        assertThat(recorder.start(first).version()).isEqualTo(1);
        assertThat(recorder.start(first).version()).isEqualTo(1);
        TableSchema wider = recorder.start(table(new LakeColumn("temp", ColumnType.DOUBLE, "/t", true)));

        assertThat(wider.version()).isEqualTo(2);
        assertThat(store.load("fleet")).isEqualTo(wider);
        assertThat(told).extracting(change -> change.changes().toString()).containsExactly(
                "[added temp float]", "[]", "[widened temp float -> double]");
    }

    @Test
    void refusesANarrowingWithoutRecordingOrTellingAnything() throws Exception {
        SchemaStore store = new SchemaStore(SmallFiles.local(lake));
        new SchemaRecorder(store, SchemaListener.NONE).start(table(new LakeColumn("n", ColumnType.LONG, "/n", true)));
        SchemaRecorder recorder = new SchemaRecorder(store, told::add);

        assertThatThrownBy(() -> recorder.start(table(new LakeColumn("n", ColumnType.INT, "/n", true))))
                .isInstanceOf(IncompatibleSchemaException.class)
                .hasMessage("lake table 'fleet': column 'n' was long in table 'fleet' and cannot become int (narrowing);"
                        + " add a new column instead");
        assertThat(store.load("fleet").version()).isEqualTo(1);
        assertThat(told).isEmpty();
    }

    @Test
    void recordsAWideningBeforeTellingTheNextListener() throws Exception {
        SchemaStore store = new SchemaStore(SmallFiles.local(lake));
        TableSchema start = new SchemaRecorder(store, SchemaListener.NONE).start(table());
        TableSchema wider = start.widen(List.of(new SchemaColumn("hum", ColumnType.LONG, "/hum", true)));
        List<Integer> recordedWhenTold = new ArrayList<>();
        SchemaRecorder recorder = new SchemaRecorder(store, change -> recordedWhenTold.add(store.load("fleet").version()));

        recorder.schemaWidened(new SchemaListener.Change("fleet", start, wider, wider.changesSince(start.version())));

        assertThat(recordedWhenTold).containsExactly(wider.version());
    }
}
