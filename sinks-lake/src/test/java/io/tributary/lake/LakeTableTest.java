package io.tributary.lake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LakeTableTest {

    private static final RollPolicy ROLL = new RollPolicy(10, 10, Duration.ofSeconds(1));

    private static LakeTable table(String name, String topic, String dlq, List<LakeColumn> columns, String eventTime) {
        return new LakeTable(name, topic, dlq, PartitionGranularity.HOUR, columns, ROLL, eventTime);
    }

    @Test
    void rejectsADeclaredColumnNamedLikeAnEnvelopeColumn() {
        List<LakeColumn> columns = List.of(new LakeColumn("event_time", ColumnType.STRING, "/t", false));

        assertThatThrownBy(() -> table("fleet", "in", "in.dlq", columns, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("column 'event_time' of lake table 'fleet' clashes with an envelope column");
    }

    @Test
    void rejectsAColumnDeclaredTwice() {
        List<LakeColumn> columns = List.of(new LakeColumn("t", ColumnType.STRING, "/a", false),
                new LakeColumn("t", ColumnType.LONG, "/b", false));

        assertThatThrownBy(() -> table("fleet", "in", "in.dlq", columns, null))
                .hasMessageContaining("column 't' of lake table 'fleet' is declared twice");
    }

    @Test
    void rejectsTheInputTopicAsDeadLetterTopic() {
        assertThatThrownBy(() -> table("fleet", "in", "in", List.of(), null))
                .hasMessageContaining("deadLetterTopic of lake table 'fleet' is its input topic 'in'");
    }

    @Test
    void rejectsTableNamesThatWouldEscapeTheLakeRoot() {
        assertThatThrownBy(() -> table("../etc", "in", "dlq", List.of(), null))
                .hasMessageContaining("lake table name '../etc' is not valid");
        assertThatThrownBy(() -> table(".hidden", "in", "dlq", List.of(), null))
                .hasMessageContaining("is not valid");
    }

    @Test
    void rejectsInvalidTopicNames() {
        assertThatThrownBy(() -> table("fleet", "a+b", "dlq", List.of(), null))
                .hasMessageContaining("topic of lake table 'fleet' 'a+b' is not a valid Kafka topic name");
    }

    @Test
    void rejectsAnEventTimePointerWithoutLeadingSlash() {
        assertThatThrownBy(() -> table("fleet", "in", "dlq", List.of(), "ts"))
                .hasMessageContaining("eventTimePointer of lake table 'fleet' 'ts' is not a JSON pointer");
    }

    @Test
    void rejectsColumnsWithBadNamesOrPointers() {
        assertThatThrownBy(() -> new LakeColumn("1temp", ColumnType.DOUBLE, "/t", false))
                .hasMessageContaining("lake column name '1temp' is not valid");
        assertThatThrownBy(() -> new LakeColumn("temp", ColumnType.DOUBLE, "", false))
                .hasMessageContaining("pointer of lake column 'temp' is empty");
    }

    @Test
    void rejectsRollLimitsThatCouldNeverBeReached() {
        assertThatThrownBy(() -> new RollPolicy(0, 10, Duration.ofSeconds(1))).hasMessageContaining("maxRecords");
        assertThatThrownBy(() -> new RollPolicy(1, 0, Duration.ofSeconds(1))).hasMessageContaining("maxBytes");
        assertThatThrownBy(() -> new RollPolicy(1, 1, Duration.ZERO)).hasMessageContaining("maxAge");
    }

    @Test
    void keepsAnImmutableCopyOfTheColumns() {
        List<LakeColumn> columns = new ArrayList<>(List.of(new LakeColumn("t", ColumnType.STRING, "/t", false)));
        LakeTable table = table("fleet", "in", "dlq", columns, null);
        columns.clear();

        assertThat(table.columns()).hasSize(1);
        assertThatThrownBy(() -> table.columns().clear()).isInstanceOf(UnsupportedOperationException.class);
    }
}
