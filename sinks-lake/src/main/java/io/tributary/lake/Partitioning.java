package io.tributary.lake;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How a lake table is partitioned: an ordered list of {@link PartitionField fields}, at most one
 * of the event time and one of the device id. Folders nest in this order. An empty list puts
 * every file in the table folder.
 */
public record Partitioning(List<PartitionField> fields) {

    public Partitioning {
        fields = List.copyOf(Objects.requireNonNull(fields, "fields"));
        long time = fields.stream().filter(PartitionField::ofEventTime).count();
        if (time > 1) {
            throw new IllegalArgumentException("partitionBy " + texts(fields)
                    + " transforms event_time more than once; use either day or hour");
        }
        if (fields.size() - time > 1) {
            throw new IllegalArgumentException("partitionBy " + texts(fields)
                    + " transforms device_id more than once; use either identity or bucket");
        }
    }

    /** The partitioning that {@code partitionBy: day} or {@code hour} always meant. */
    public static Partitioning of(PartitionGranularity granularity) {
        return new Partitioning(List.of(granularity == PartitionGranularity.DAY
                ? new PartitionField.Day() : new PartitionField.Hour()));
    }

    /**
     * Reads a config's entries, each as {@link PartitionField#parse}.
     *
     * @throws IllegalArgumentException naming the bad entry
     */
    public static Partitioning parse(List<String> entries) {
        List<PartitionField> fields = new ArrayList<>();
        for (String entry : entries) {
            fields.add(PartitionField.parse(entry));
        }
        return new Partitioning(fields);
    }

    /** Whether any field needs the device id. */
    public boolean usesDeviceId() {
        return fields.stream().anyMatch(field -> !field.ofEventTime());
    }

    /** The canonical config text, e.g. {@code [day(event_time), bucket(16, device_id)]}. */
    public String text() {
        return texts(fields);
    }

    private static String texts(List<PartitionField> fields) {
        return fields.stream().map(PartitionField::text).toList().toString();
    }
}
