package io.tributary.lake.mapping;

import com.fasterxml.jackson.databind.JsonNode;

/** Short descriptions of offending values for dead-letter reasons. */
final class Describe {

    private static final int MAX_TEXT = 64;

    private Describe() {
    }

    /** e.g. {@code string "hot"}, {@code number 3.5}, {@code object}, {@code array}. */
    static String value(JsonNode node) {
        return switch (node.getNodeType()) {
            case STRING -> "string \"" + clip(node.textValue()) + "\"";
            case NUMBER -> "number " + clip(node.asText());
            case BOOLEAN -> "boolean " + node.asText();
            case OBJECT -> "object";
            case ARRAY -> "array";
            case NULL -> "null";
            default -> node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
        };
    }

    static String clip(String text) {
        return text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT) + "...";
    }
}
