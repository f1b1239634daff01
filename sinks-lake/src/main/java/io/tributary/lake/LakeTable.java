package io.tributary.lake;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A Parquet table fed from one Kafka topic.
 *
 * @param name             folder name under the lake root and suffix of the consumer group
 *                         {@code tributary-lake-<name>}: letters, digits, {@code _} or {@code -}
 * @param topic            the Kafka topic to read
 * @param deadLetterTopic  where records that do not fit the columns go, with the reason in headers
 * @param partitionBy      the Hive-style folders (by event time in UTC, device id) and the Iceberg partition spec
 * @param columns          the declared columns, after the {@link EnvelopeColumns envelope columns}
 * @param roll             when files are closed and committed
 * @param eventTimePointer JSON pointer to the event time in the payload, or null. When set and the
 *                         payload has a value there, it must be an ISO-8601 string with an offset
 *                         or epoch milliseconds, otherwise the record is dead-lettered; when unset
 *                         or the value is missing or null, the {@code ce_time} header is used, and
 *                         without that header the Kafka record timestamp
 * @param inferColumns     when true, top-level scalar fields of the payload that no declared column
 *                         reads become optional columns of an inferred type (see
 *                         {@link io.tributary.lake.schema.FieldInference}); the table's schema then
 *                         widens as new fields appear
 * @param maxOpenFiles     the most Parquet files the table's sink keeps open at once, across all its
 *                         Kafka partitions, at least 1; beyond it the least recently written file is
 *                         closed early and committed with its batch (see
 *                         {@link io.tributary.lake.batch.WriterCap})
 * @param format           plain Parquet folders or an Iceberg table
 */
public record LakeTable(String name, String topic, String deadLetterTopic, Partitioning partitionBy,
                        List<LakeColumn> columns, RollPolicy roll, String eventTimePointer,
                        boolean inferColumns, int maxOpenFiles, TableFormat format) {

    /** The open-file cap when none is given. */
    public static final int DEFAULT_MAX_OPEN_FILES = 64;

    private static final Pattern TABLE_NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_-]{0,199}");
    private static final Pattern TOPIC_NAME = Pattern.compile("[A-Za-z0-9._-]{1,249}");

    public LakeTable {
        Objects.requireNonNull(name, "lake table name");
        if (!TABLE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("lake table name '" + name + "' is not valid: use letters,"
                    + " digits, '_' or '-' (not first), at most 200 characters");
        }
        requireTopic(topic, "topic of lake table '" + name + "'");
        requireTopic(deadLetterTopic, "deadLetterTopic of lake table '" + name + "'");
        if (topic.equals(deadLetterTopic)) {
            throw new IllegalArgumentException("deadLetterTopic of lake table '" + name
                    + "' is its input topic '" + topic + "': use a separate topic, e.g. '" + topic + ".dlq'");
        }
        Objects.requireNonNull(partitionBy, () -> "partitionBy of lake table '" + name + "'");
        Objects.requireNonNull(roll, () -> "roll policy of lake table '" + name + "'");
        Objects.requireNonNull(format, () -> "format of lake table '" + name + "'");
        columns = List.copyOf(Objects.requireNonNull(columns, () -> "columns of lake table '" + name + "'"));
        Set<String> seen = new HashSet<>();
        for (LakeColumn column : columns) {
            if (EnvelopeColumns.NAMES.contains(column.name())) {
                throw new IllegalArgumentException("column '" + column.name() + "' of lake table '" + name
                        + "' clashes with an envelope column; reserved names are " + EnvelopeColumns.NAMES);
            }
            if (!seen.add(column.name())) {
                throw new IllegalArgumentException("column '" + column.name() + "' of lake table '" + name
                        + "' is declared twice");
            }
        }
        if (eventTimePointer != null) {
            LakeColumn.requireJsonPointer(eventTimePointer, "eventTimePointer of lake table '" + name + "'");
        }
        if (maxOpenFiles < 1) {
            throw new IllegalArgumentException("maxOpenFiles of lake table '" + name + "' is " + maxOpenFiles
                    + ": it must be at least 1");
        }
    }

    /** A plain Parquet table with declared columns only and the default open-file cap, by day or hour. */
    public LakeTable(String name, String topic, String deadLetterTopic, PartitionGranularity partitionBy,
                     List<LakeColumn> columns, RollPolicy roll, String eventTimePointer) {
        this(name, topic, deadLetterTopic, partitionBy, columns, roll, eventTimePointer, false,
                DEFAULT_MAX_OPEN_FILES);
    }

    /** A plain Parquet table partitioned by day or hour. */
    public LakeTable(String name, String topic, String deadLetterTopic, PartitionGranularity partitionBy,
                     List<LakeColumn> columns, RollPolicy roll, String eventTimePointer,
                     boolean inferColumns, int maxOpenFiles) {
        this(name, topic, deadLetterTopic, Partitioning.of(Objects.requireNonNull(partitionBy, "partitionBy")),
                columns, roll, eventTimePointer, inferColumns, maxOpenFiles, TableFormat.PARQUET);
    }

    private static void requireTopic(String topic, String what) {
        Objects.requireNonNull(topic, what);
        if (!TOPIC_NAME.matcher(topic).matches() || topic.equals(".") || topic.equals("..")) {
            throw new IllegalArgumentException(what + " '" + topic
                    + "' is not a valid Kafka topic name: use 1 to 249 letters, digits, '.', '_' or '-'");
        }
    }
}
