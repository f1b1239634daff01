package io.tributary.lake.file;

import io.tributary.lake.PartitionField;
import io.tributary.lake.PartitionGranularity;
import io.tributary.lake.Partitioning;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.apache.iceberg.transforms.Transforms;
import org.apache.iceberg.types.Types;

/**
 * The Hive-style folder of a row, relative to its table folder, from its event time in UTC and
 * its device id, one level per {@link PartitionField} in order: {@code dt=2026-11-21},
 * {@code dt=2026-11-21/hour=08}, {@code device_id=<id>} (percent-encoded, {@value #NULL_VALUE} for none),
 * {@code device_bucket=<n>}. {@link #values(String)} reads a folder back into Iceberg's partition
 * values. Not thread-safe (it caches the last time folder, since consecutive records usually share one).
 */
public final class PartitionPathResolver {

    /** Hive's folder value for a null partition value; Spark, Trino and DuckDB read it as null. */
    public static final String NULL_VALUE = "__HIVE_DEFAULT_PARTITION__";
    private static final long MILLIS_PER_HOUR = 3_600_000L;
    private static final DateTimeFormatter DAY =
            DateTimeFormatter.ofPattern("'dt='uuuu-MM-dd").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter HOUR =
            DateTimeFormatter.ofPattern("'dt='uuuu-MM-dd'/hour='HH").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("uuuu-MM-dd");

    private final Partitioning partitioning;
    private final PartitionField timeField;
    private final PartitionField deviceField;
    private final Function<String, Integer> bucket;
    private long cachedHour = Long.MIN_VALUE;
    private String cachedTimePath;

    public PartitionPathResolver(PartitionGranularity granularity) {
        this(Partitioning.of(Objects.requireNonNull(granularity, "granularity")));
    }

    public PartitionPathResolver(Partitioning partitioning) {
        this.partitioning = Objects.requireNonNull(partitioning, "partitioning");
        this.timeField = partitioning.fields().stream().filter(PartitionField::ofEventTime).findFirst().orElse(null);
        this.deviceField = partitioning.fields().stream().filter(f -> !f.ofEventTime()).findFirst().orElse(null);
        this.bucket = deviceField instanceof PartitionField.DeviceBucket b
                ? Transforms.bucket(b.buckets()).bind(Types.StringType.get())::apply : null;
    }

    /** The folder for an event time in epoch milliseconds and no device id, with '/' between levels. */
    public String resolve(long eventTimeMillis) {
        return resolve(eventTimeMillis, null);
    }

    /** The folder for an event time in epoch milliseconds and a device id (or null), with '/' between levels. */
    public String resolve(long eventTimeMillis, String deviceId) {
        String time = timeField == null ? null : timePath(eventTimeMillis);
        String device = deviceField == null ? null : devicePath(deviceId);
        if (device == null) {
            return time == null ? "" : time;
        }
        if (time == null) {
            return device;
        }
        return partitioning.fields().get(0).ofEventTime() ? time + "/" + device : device + "/" + time;
    }

    private String timePath(long eventTimeMillis) {
        long hour = Math.floorDiv(eventTimeMillis, MILLIS_PER_HOUR);
        if (hour != cachedHour) {
            Instant start = Instant.ofEpochMilli(hour * MILLIS_PER_HOUR);
            cachedTimePath = (timeField instanceof PartitionField.Day ? DAY : HOUR).format(start);
            cachedHour = hour;
        }
        return cachedTimePath;
    }

    private String devicePath(String deviceId) {
        if (deviceField instanceof PartitionField.DeviceBucket) {
            return "device_bucket=" + (deviceId == null ? NULL_VALUE : bucket.apply(deviceId));
        }
        return "device_id=" + (deviceId == null ? NULL_VALUE : escape(deviceId));
    }

    /**
     * Reads a folder made by {@link #resolve} back into one value per field, in the partitioning's
     * order, as Iceberg stores them: days or hours since the epoch (Integer), the device id (String)
     * or its bucket (Integer); null for {@value #NULL_VALUE}.
     *
     * @throws IllegalArgumentException when the folder does not match this partitioning
     */
    public List<Object> values(String folder) {
        String[] levels = folder.isEmpty() ? new String[0] : folder.split("/");
        List<Object> values = new ArrayList<>();
        int level = 0;
        try {
            for (PartitionField field : partitioning.fields()) {
                if (field instanceof PartitionField.Day) {
                    values.add(days(value(levels, level++, "dt", folder)));
                } else if (field instanceof PartitionField.Hour) {
                    int days = days(value(levels, level++, "dt", folder));
                    int hourOfDay = Integer.parseInt(value(levels, level++, "hour", folder));
                    if (hourOfDay < 0 || hourOfDay > 23) {
                        throw new IllegalArgumentException("hour " + hourOfDay);
                    }
                    values.add(Math.toIntExact(days * 24L + hourOfDay));
                } else if (field instanceof PartitionField.DeviceId) {
                    String text = value(levels, level++, "device_id", folder);
                    values.add(text.equals(NULL_VALUE) ? null : unescape(text));
                } else {
                    String text = value(levels, level++, "device_bucket", folder);
                    values.add(text.equals(NULL_VALUE) ? null : Integer.valueOf(text));
                }
            }
        } catch (DateTimeParseException | ArithmeticException | NumberFormatException e) {
            throw new IllegalArgumentException("folder '" + folder + "' does not match partitioning "
                    + partitioning.text() + ": " + e.getMessage(), e);
        }
        if (level != levels.length) {
            throw new IllegalArgumentException("folder '" + folder + "' has more levels than partitioning "
                    + partitioning.text());
        }
        return values;
    }

    private String value(String[] levels, int level, String name, String folder) {
        String prefix = name + "=";
        if (level >= levels.length || !levels[level].startsWith(prefix)) {
            throw new IllegalArgumentException("folder '" + folder + "' does not match partitioning "
                    + partitioning.text() + ": expected " + prefix + "... at level " + (level + 1));
        }
        return levels[level].substring(prefix.length());
    }

    private static int days(String date) {
        return Math.toIntExact(LocalDate.parse(date, DATE).toEpochDay());
    }

    /** Percent-encodes (UTF-8) every byte but ASCII letters, digits, '-', '_' and '.', so any id is one folder name. */
    static String escape(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_' || c == '.') {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }

    static String unescape(String text) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%' && i + 2 < text.length()) {
                bytes.write(Integer.parseInt(text.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                bytes.write(c);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
