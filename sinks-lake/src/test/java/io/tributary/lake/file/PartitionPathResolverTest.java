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
}
