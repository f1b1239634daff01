package io.tributary.lake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class PartitioningTest {

    @Test
    void readsEveryTransformAndTheShorthands() {
        assertThat(Partitioning.parse(List.of("day")).fields()).containsExactly(new PartitionField.Day());
        assertThat(Partitioning.parse(List.of("hour")).fields()).containsExactly(new PartitionField.Hour());
        assertThat(Partitioning.parse(List.of("day(event_time)", "bucket(16, device_id)")).fields())
                .containsExactly(new PartitionField.Day(), new PartitionField.DeviceBucket(16));
        assertThat(Partitioning.parse(List.of(" HOUR( event_time ) ", "identity(device_id)")).fields())
                .containsExactly(new PartitionField.Hour(), new PartitionField.DeviceId());
        assertThat(Partitioning.parse(List.of("device_id")).fields()).containsExactly(new PartitionField.DeviceId());
        assertThat(Partitioning.parse(List.of()).fields()).isEmpty();
    }

    @Test
    void canonicalTextReadsBackToTheSamePartitioning() {
        Partitioning partitioning = Partitioning.parse(List.of("hour", "bucket(8,device_id)"));

        assertThat(partitioning.text()).isEqualTo("[hour(event_time), bucket(8, device_id)]");
        assertThat(Partitioning.parse(partitioning.fields().stream().map(PartitionField::text).toList()))
                .isEqualTo(partitioning);
    }

    @Test
    void rejectsUnknownTransformsColumnsAndCountsNamingTheEntry() {
        assertThatThrownBy(() -> PartitionField.parse("month(event_time)"))
                .hasMessageContaining("'month(event_time)' is not a partition transform");
        assertThatThrownBy(() -> PartitionField.parse("day(ingest_time)"))
                .hasMessageContaining("'day(ingest_time)' partitions by column 'ingest_time'");
        assertThatThrownBy(() -> PartitionField.parse("bucket(device_id)"))
                .hasMessageContaining("needs a bucket count");
        assertThatThrownBy(() -> PartitionField.parse("bucket(0, device_id)"))
                .hasMessageContaining("between 1 and 100000");
        assertThatThrownBy(() -> PartitionField.parse("bucket(4, event_time)"))
                .hasMessageContaining("identity and bucket apply to device_id only");
        assertThatThrownBy(() -> PartitionField.parse("day(device_id)"))
                .hasMessageContaining("day and hour apply to event_time only");
        assertThatThrownBy(() -> PartitionField.parse("day(16, event_time)"))
                .hasMessageContaining("is not a partition transform");
    }

    @Test
    void rejectsTwoTransformsOfOneColumn() {
        assertThatThrownBy(() -> Partitioning.parse(List.of("day", "hour")))
                .hasMessageContaining("transforms event_time more than once");
        assertThatThrownBy(() -> Partitioning.parse(List.of("device_id", "bucket(2, device_id)")))
                .hasMessageContaining("transforms device_id more than once");
    }
}
