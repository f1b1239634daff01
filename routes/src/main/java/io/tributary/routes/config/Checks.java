package io.tributary.routes.config;

import io.tributary.spec.Check;
import java.util.regex.Pattern;

/** Checks shared by several option declarations. */
final class Checks {

    private static final Pattern KAFKA_TOPIC = Pattern.compile("[a-zA-Z0-9._-]{1,249}");
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,62}");

    private Checks() {
    }

    static Check<String> kafkaTopic() {
        return topic -> KAFKA_TOPIC.matcher(topic).matches() && !topic.equals(".") && !topic.equals("..")
                ? null
                : "'" + topic + "' is not a valid Kafka topic name: use 1 to 249 of a-z A-Z 0-9 . _ -";
    }

    static Check<String> name() {
        return name -> NAME.matcher(name).matches()
                ? null
                : "'" + name + "' is not a valid name: start with a-z or 0-9, then up to 62 of a-z 0-9 . _ -";
    }

    /** A JSON pointer (RFC 6901) into the payload, such as /temp or /readings/0/value. */
    static Check<String> jsonPointer() {
        return pointer -> pointer.startsWith("/") && !pointer.matches(".*~[^01].*") && !pointer.endsWith("~")
                ? null
                : "'" + pointer + "' is not a JSON pointer: start with '/', as in /temp or /readings/0/value";
    }
}
