package io.tributary.benchmarks;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Deterministic device telemetry shaped like the hub's traffic: a ~120-byte JSON payload (the
 * embedded fleet's format), the device id as key and the envelope's CloudEvents headers.
 */
final class Telemetry {

    static final String SOURCE_NAME = "bench-mqtt";
    static final Instant FIRST_EVENT = Instant.parse("2026-11-21T08:00:00Z");

    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final String PAYLOAD =
            "{\"deviceId\":\"%s\",\"seq\":%d,\"ts\":\"%s\",\"temp\":%.2f,\"humidity\":%.1f,\"battery\":%.2f}";

    private final int devices;

    /** @param devices how many distinct device ids (Kafka keys) messages rotate through */
    Telemetry(int devices) {
        if (devices < 1) {
            throw new IllegalArgumentException("--devices must be at least 1, got " + devices);
        }
        this.devices = devices;
    }

    String deviceId(long message) {
        return String.format(Locale.ROOT, "dev-%04d", message % devices);
    }

    /** MQTT topic of a message, matching the filter {@code bench/+/telemetry}. */
    String mqttTopic(long message) {
        return "bench/" + deviceId(message) + "/telemetry";
    }

    Instant eventTime(long message) {
        return FIRST_EVENT.plusMillis(message * 10);
    }

    byte[] payload(long message) {
        return String.format(Locale.ROOT, PAYLOAD, deviceId(message), message, TIMESTAMP.format(eventTime(message)),
                20 + (message % 100) / 10.0, 40 + (message % 50) / 5.0, 3.5 + (message % 70) / 100.0)
                .getBytes(StandardCharsets.UTF_8);
    }

    /** The headers the hub's envelope writes for an MQTT message (binary-mode CloudEvents plus metadata). */
    Headers headers(long message) {
        RecordHeaders headers = new RecordHeaders();
        add(headers, "ce_specversion", "1.0");
        add(headers, "ce_id", Long.toString(message));
        add(headers, "ce_source", "tributary/" + SOURCE_NAME);
        add(headers, "ce_type", "io.tributary.mqtt.message");
        add(headers, "ce_time", eventTime(message).toString());
        add(headers, "ce_subject", deviceId(message));
        add(headers, "tributary_source", SOURCE_NAME);
        add(headers, "tributary_mqtt_topic", mqttTopic(message));
        return headers;
    }

    private static void add(Headers headers, String key, String value) {
        headers.add(key, value.getBytes(StandardCharsets.UTF_8));
    }
}
