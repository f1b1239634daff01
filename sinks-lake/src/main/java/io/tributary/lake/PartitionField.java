package io.tributary.lake;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One level of a lake table's partitioning: a transform of the event time (UTC) or of the device
 * id. The same fields give the Hive-style folders of plain Parquet tables and the partition spec
 * of Iceberg tables.
 */
public sealed interface PartitionField {

    /** {@code day(event_time)}: folder {@code dt=2026-11-21}, Iceberg {@code day(event_time)}. */
    record Day() implements PartitionField {
        @Override
        public String text() {
            return "day(event_time)";
        }
    }

    /** {@code hour(event_time)}: folders {@code dt=2026-11-21/hour=08}, Iceberg {@code hour(event_time)}. */
    record Hour() implements PartitionField {
        @Override
        public String text() {
            return "hour(event_time)";
        }
    }

    /** {@code identity(device_id)}: folder {@code device_id=<escaped id>}, Iceberg {@code identity(device_id)}. */
    record DeviceId() implements PartitionField {
        @Override
        public String text() {
            return "identity(device_id)";
        }
    }

    /**
     * {@code bucket(N, device_id)}: folder {@code device_bucket=<0..N-1>}, Iceberg {@code bucket(N, device_id)},
     * with Iceberg's hash, so both layouts put a device in the same bucket.
     */
    record DeviceBucket(int buckets) implements PartitionField {
        public static final int MAX_BUCKETS = 100_000;

        public DeviceBucket {
            if (buckets < 1 || buckets > MAX_BUCKETS) {
                throw new IllegalArgumentException("bucket count " + buckets + " must be between 1 and " + MAX_BUCKETS);
            }
        }

        @Override
        public String text() {
            return "bucket(" + buckets + ", device_id)";
        }
    }

    /** The canonical way to write this field in a config. */
    String text();

    /** Whether this field transforms the event time (as opposed to the device id). */
    default boolean ofEventTime() {
        return this instanceof Day || this instanceof Hour;
    }

    Pattern CALL = Pattern.compile("\\s*([a-z_]+)\\s*\\(\\s*(?:(\\d+)\\s*,\\s*)?([a-z_]+)\\s*\\)\\s*");

    /**
     * Reads one entry: {@code day}, {@code hour} (shorthands for the event time), {@code day(event_time)},
     * {@code hour(event_time)}, {@code device_id}, {@code identity(device_id)} or {@code bucket(N, device_id)}.
     *
     * @throws IllegalArgumentException saying what is allowed
     */
    static PartitionField parse(String text) {
        String trimmed = text.trim().toLowerCase(Locale.ROOT);
        switch (trimmed) {
            case "day":
                return new Day();
            case "hour":
                return new Hour();
            case "device_id":
                return new DeviceId();
            default:
                break;
        }
        Matcher call = CALL.matcher(trimmed);
        if (!call.matches()) {
            throw notAllowed(text);
        }
        String transform = call.group(1);
        String count = call.group(2);
        String column = call.group(3);
        boolean time = column.equals(EnvelopeColumns.EVENT_TIME);
        boolean device = column.equals(EnvelopeColumns.DEVICE_ID);
        if (!time && !device) {
            throw new IllegalArgumentException("'" + text + "' partitions by column '" + column
                    + "'; only event_time (day, hour) and device_id (identity, bucket) can partition a table");
        }
        if (count != null && !transform.equals("bucket")) {
            throw notAllowed(text);
        }
        return switch (transform) {
            case "day" -> timeOnly(new Day(), time, text);
            case "hour" -> timeOnly(new Hour(), time, text);
            case "identity" -> deviceOnly(new DeviceId(), device, text);
            case "bucket" -> {
                if (count == null) {
                    throw new IllegalArgumentException("'" + text + "' needs a bucket count, e.g. bucket(16, device_id)");
                }
                int buckets;
                try {
                    buckets = Integer.parseInt(count);
                } catch (NumberFormatException e) {
                    buckets = -1;
                }
                if (buckets < 1 || buckets > DeviceBucket.MAX_BUCKETS) {
                    throw new IllegalArgumentException("'" + text + "': the bucket count must be between 1 and "
                            + DeviceBucket.MAX_BUCKETS);
                }
                yield deviceOnly(new DeviceBucket(buckets), device, text);
            }
            default -> throw notAllowed(text);
        };
    }

    private static PartitionField timeOnly(PartitionField field, boolean time, String text) {
        if (!time) {
            throw new IllegalArgumentException("'" + text + "': day and hour apply to event_time only");
        }
        return field;
    }

    private static PartitionField deviceOnly(PartitionField field, boolean device, String text) {
        if (!device) {
            throw new IllegalArgumentException("'" + text + "': identity and bucket apply to device_id only");
        }
        return field;
    }

    private static IllegalArgumentException notAllowed(String text) {
        return new IllegalArgumentException("'" + text + "' is not a partition transform; use day(event_time),"
                + " hour(event_time), identity(device_id) or bucket(N, device_id) (day, hour and device_id for short)");
    }
}
