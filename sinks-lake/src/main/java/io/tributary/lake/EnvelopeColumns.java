package io.tributary.lake;

import java.util.List;

/**
 * The columns every lake table has before its declared ones, in this order. Declared columns
 * may not reuse these names.
 */
public final class EnvelopeColumns {

    /** String, nullable: the Kafka record key (the device id), UTF-8. */
    public static final String DEVICE_ID = "device_id";
    /** Timestamp (millis, UTC), required: see {@link LakeTable#eventTimePointer()}. */
    public static final String EVENT_TIME = "event_time";
    /** Timestamp (millis, UTC), required: the Kafka record timestamp. */
    public static final String INGEST_TIME = "ingest_time";
    /** String, nullable: the {@code tributary_source} header (the name of the hub source). */
    public static final String SOURCE = "source";
    /** Int, required: the Kafka partition the row was read from. */
    public static final String KAFKA_PARTITION = "kafka_partition";
    /** Long, required: the Kafka offset the row was read from. */
    public static final String KAFKA_OFFSET = "kafka_offset";

    /** All envelope column names, in file order. */
    public static final List<String> NAMES =
            List.of(DEVICE_ID, EVENT_TIME, INGEST_TIME, SOURCE, KAFKA_PARTITION, KAFKA_OFFSET);

    private EnvelopeColumns() {
    }
}
