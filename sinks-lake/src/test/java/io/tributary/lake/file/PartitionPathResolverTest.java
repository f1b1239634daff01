package io.tributary.lake.file;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.lake.PartitionGranularity;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PartitionPathResolverTest {

    private static long millis(String instant) {
        return Instant.parse(instant).toEpochMilli();
    }

    @Test
    void groupsByUtcDay() {
        PartitionPathResolver days = new PartitionPathResolver(PartitionGranularity.DAY);

        assertThat(days.resolve(millis("2026-11-21T00:00:00Z"))).isEqualTo("dt=2026-11-21");
        assertThat(days.resolve(millis("2026-11-21T23:59:59.999Z"))).isEqualTo("dt=2026-11-21");
        assertThat(days.resolve(millis("2026-11-22T00:00:00Z"))).isEqualTo("dt=2026-11-22");
    }

    @Test
    void groupsByUtcHourInsideTheDay() {
        PartitionPathResolver hours = new PartitionPathResolver(PartitionGranularity.HOUR);

        assertThat(hours.resolve(millis("2026-11-21T08:59:59.999Z"))).isEqualTo("dt=2026-11-21/hour=08");
        assertThat(hours.resolve(millis("2026-11-21T09:00:00Z"))).isEqualTo("dt=2026-11-21/hour=09");
        assertThat(hours.resolve(millis("2026-11-21T08:00:00Z"))).isEqualTo("dt=2026-11-21/hour=08");
    }

    @Test
    void usesUtcRegardlessOfTheOffsetTheEventTimeWasWrittenWith() {
        PartitionPathResolver hours = new PartitionPathResolver(PartitionGranularity.HOUR);

        assertThat(hours.resolve(Instant.parse("2026-11-22T01:30:00+02:00").toEpochMilli()))
                .isEqualTo("dt=2026-11-21/hour=23");
    }

    @Test
    void handlesEventTimesBeforeTheEpoch() {
        PartitionPathResolver hours = new PartitionPathResolver(PartitionGranularity.HOUR);

        assertThat(hours.resolve(millis("1969-12-31T23:59:59.999Z"))).isEqualTo("dt=1969-12-31/hour=23");
        assertThat(hours.resolve(millis("0001-01-01T00:00:00Z"))).isEqualTo("dt=0001-01-01/hour=00");
    }

    @Test
    void addsADeviceFolderAfterOrBeforeTheTimeFolders() {
        PartitionPathResolver byDevice = new PartitionPathResolver(
                io.tributary.lake.Partitioning.parse(java.util.List.of("hour", "device_id")));
        PartitionPathResolver deviceFirst = new PartitionPathResolver(
                io.tributary.lake.Partitioning.parse(java.util.List.of("device_id", "day")));

        assertThat(byDevice.resolve(millis("2026-11-21T08:15:00Z"), "truck-7"))
                .isEqualTo("dt=2026-11-21/hour=08/device_id=truck-7");
        assertThat(deviceFirst.resolve(millis("2026-11-21T08:15:00Z"), "truck-7"))
                .isEqualTo("device_id=truck-7/dt=2026-11-21");
        assertThat(byDevice.resolve(millis("2026-11-21T08:15:00Z"), null))
                .isEqualTo("dt=2026-11-21/hour=08/device_id=" + PartitionPathResolver.NULL_VALUE);
    }

    @Test
    void escapesDeviceIdsSoAnyIdIsOneFolderAndReadsThemBack() {
        PartitionPathResolver byDevice = new PartitionPathResolver(
                io.tributary.lake.Partitioning.parse(java.util.List.of("device_id")));
        String odd = "fleet/7=a b%ü";

        String folder = byDevice.resolve(0, odd);

        assertThat(folder).isEqualTo("device_id=fleet%2F7%3Da%20b%25%C3%BC");
        assertThat(byDevice.values(folder)).containsExactly(odd);
    }

    @Test
    void bucketsDevicesWithIcebergsHash() {
        PartitionPathResolver buckets = new PartitionPathResolver(
                io.tributary.lake.Partitioning.parse(java.util.List.of("day", "bucket(16, device_id)")));
        int expected = org.apache.iceberg.transforms.Transforms.bucket(16)
                .bind(org.apache.iceberg.types.Types.StringType.get()).apply("truck-7");

        String folder = buckets.resolve(millis("2026-11-21T08:15:00Z"), "truck-7");

        assertThat(folder).isEqualTo("dt=2026-11-21/device_bucket=" + expected);
        assertThat(buckets.values(folder))
                .containsExactly((int) java.time.LocalDate.parse("2026-11-21").toEpochDay(), expected);
    }

    @Test
    void readsTimeFoldersBackAsIcebergOrdinals() {
        PartitionPathResolver hours = new PartitionPathResolver(PartitionGranularity.HOUR);
        long eventTime = millis("2026-11-21T08:15:00Z");

        assertThat(hours.values(hours.resolve(eventTime))).containsExactly((int) (eventTime / 3_600_000L));
        assertThat(hours.values(hours.resolve(millis("1969-12-31T23:10:00Z")))).containsExactly(-1);
    }

    @Test
    void refusesFoldersOfAnotherLayout() {
        PartitionPathResolver hours = new PartitionPathResolver(PartitionGranularity.HOUR);

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> hours.values("dt=2026-11-21"))
                .hasMessageContaining("expected hour=");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> hours.values("dt=2026-11-21/hour=08/x=1"))
                .hasMessageContaining("more levels");
    }
}
