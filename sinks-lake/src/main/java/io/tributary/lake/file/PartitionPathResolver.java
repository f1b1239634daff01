package io.tributary.lake.file;

import io.tributary.lake.PartitionGranularity;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Objects;

/**
 * The Hive-style folder of a row, relative to its table folder, from its event time in UTC:
 * {@code dt=2026-11-21} or {@code dt=2026-11-21/hour=08}. Not thread-safe (it caches the last
 * folder, since consecutive records usually share one).
 */
public final class PartitionPathResolver {

    private static final long MILLIS_PER_HOUR = 3_600_000L;
    private static final DateTimeFormatter DAY =
            DateTimeFormatter.ofPattern("'dt='uuuu-MM-dd").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter HOUR =
            DateTimeFormatter.ofPattern("'dt='uuuu-MM-dd'/hour='HH").withZone(ZoneOffset.UTC);

    private final PartitionGranularity granularity;
    private long cachedHour = Long.MIN_VALUE;
    private String cachedPath;

    public PartitionPathResolver(PartitionGranularity granularity) {
        this.granularity = Objects.requireNonNull(granularity, "granularity");
    }

    /** The folder for an event time in epoch milliseconds, with '/' between levels. */
    public String resolve(long eventTimeMillis) {
        long hour = Math.floorDiv(eventTimeMillis, MILLIS_PER_HOUR);
        if (hour != cachedHour) {
            Instant start = Instant.ofEpochMilli(hour * MILLIS_PER_HOUR);
            cachedPath = (granularity == PartitionGranularity.DAY ? DAY : HOUR).format(start);
            cachedHour = hour;
        }
        return cachedPath;
    }
}
