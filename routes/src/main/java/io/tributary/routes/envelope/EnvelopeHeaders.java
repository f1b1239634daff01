package io.tributary.routes.envelope;

import io.tributary.connector.SourceConnector;
import io.tributary.connector.SourceDefinition;

/**
 * The headers of every record the hub writes to Kafka: the CloudEvents Kafka binding in binary mode, plus
 * protocol metadata under one prefix. The record value is the payload, untouched.
 */
public final class EnvelopeHeaders {

    public static final String SPEC_VERSION = "ce_specversion";
    public static final String ID = "ce_id";
    public static final String SOURCE = "ce_source";
    public static final String TYPE = "ce_type";
    public static final String TIME = "ce_time";
    public static final String SUBJECT = "ce_subject";
    public static final String CONTENT_TYPE = "content-type";

    /** Prefix of protocol metadata headers, e.g. tributary_mqtt_topic. */
    public static final String METADATA_PREFIX = "tributary_";
    /** The source name, which the lake writes into its source column. */
    public static final String SOURCE_NAME = METADATA_PREFIX + "source";
    /** Why a record is on a dead-letter topic. */
    public static final String DEAD_LETTER_REASON = METADATA_PREFIX + "dlq_reason";
    /** The full size of a dead letter whose payload was cut to kafka.maxMessageBytes. */
    public static final String DEAD_LETTER_PAYLOAD_BYTES = METADATA_PREFIX + "dlq_payload_bytes";

    private EnvelopeHeaders() {
    }

    /** The protocol's own origin when the connector names one, else {@code /tributary/sources/<source name>}. */
    public static String ceSource(SourceConnector connector, SourceDefinition source) {
        return connector.cloudEventSource(source).orElse("/tributary/sources/" + source.name());
    }

    public static String ceType(String connectorType) {
        return "io.tributary." + connectorType + ".message";
    }
}
