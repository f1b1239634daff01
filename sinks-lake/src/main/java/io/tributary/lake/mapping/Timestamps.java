package io.tributary.lake.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;

/** Reads instants from JSON values and headers: ISO-8601 / RFC 3339 text or epoch milliseconds. */
final class Timestamps {

    /** 0001-01-01T00:00:00Z: earlier instants would not fit the {@code dt=YYYY-MM-DD} folders. */
    static final long MIN_MILLIS = Instant.parse("0001-01-01T00:00:00Z").toEpochMilli();
    /** 9999-12-31T23:59:59.999Z. */
    static final long MAX_MILLIS = Instant.parse("9999-12-31T23:59:59.999Z").toEpochMilli();

    private Timestamps() {
    }

    /** A JSON string (ISO-8601 with offset) or integer (epoch millis) as epoch milliseconds. */
    static long fromJson(JsonNode node) throws Rejection {
        if (node.isTextual()) {
            return fromText(node.textValue());
        }
        if (node.isIntegralNumber()) {
            if (!node.canConvertToLong()) {
                throw new Rejection("epoch milliseconds " + node.asText() + " are out of range");
            }
            return inRange(node.longValue(), node.asText());
        }
        if (node.isNumber()) {
            throw new Rejection("expected epoch milliseconds as an integer, got " + Describe.value(node));
        }
        throw new Rejection("expected an ISO-8601 string or epoch milliseconds, got " + Describe.value(node));
    }

    /**
     * ISO-8601 / RFC 3339 text with a UTC offset, e.g. {@code 2026-11-21T08:15:00.250Z} or
     * {@code 2026-11-21 09:15:00+01:00}. Text without an offset is rejected: its zone is unknown.
     */
    static long fromText(String text) throws Rejection {
        String normalized = normalizeRfc3339(text);
        TemporalAccessor parsed;
        try {
            parsed = DateTimeFormatter.ISO_DATE_TIME.parse(normalized);
        } catch (DateTimeException e) {
            throw new Rejection("'" + Describe.clip(text) + "' is not an ISO-8601 date-time such as 2026-11-21T08:15:00Z");
        }
        if (!parsed.isSupported(ChronoField.OFFSET_SECONDS)) {
            throw new Rejection("'" + Describe.clip(text) + "' has no UTC offset: add 'Z' or e.g. '+01:00'");
        }
        long millis;
        try {
            millis = Instant.from(parsed).toEpochMilli();
        } catch (DateTimeException | ArithmeticException e) {
            throw new Rejection("'" + Describe.clip(text) + "' is out of range");
        }
        return inRange(millis, text);
    }

    private static long inRange(long millis, String original) throws Rejection {
        if (millis < MIN_MILLIS || millis > MAX_MILLIS) {
            throw new Rejection("'" + Describe.clip(original) + "' is outside the years 1 to 9999");
        }
        return millis;
    }

    /** RFC 3339 allows a space or lower-case 't' between date and time, and a lower-case 'z'. */
    private static String normalizeRfc3339(String text) {
        if (text.length() > 10 && (text.charAt(10) == ' ' || text.charAt(10) == 't')) {
            text = text.substring(0, 10) + 'T' + text.substring(11);
        }
        if (text.endsWith("z")) {
            text = text.substring(0, text.length() - 1) + 'Z';
        }
        return text;
    }
}
