package io.tributary.lake.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.lake.ColumnType;

/** Converts a present, non-null JSON value to the Avro value of a column type, or rejects it. */
final class ColumnValues {

    private ColumnValues() {
    }

    static Object convert(ColumnType type, JsonNode node) throws Rejection {
        return switch (type) {
            case STRING -> string(node);
            case INT -> integer(node);
            case LONG -> longValue(node);
            case DOUBLE -> doubleValue(node);
            case FLOAT -> floatValue(node);
            case BOOLEAN -> bool(node);
            case TIMESTAMP -> Timestamps.fromJson(node);
        };
    }

    private static String string(JsonNode node) throws Rejection {
        if (node.isTextual()) {
            return node.textValue();
        }
        if (node.isNumber() || node.isBoolean()) {
            return node.asText();
        }
        throw new Rejection("expected a string, got " + Describe.value(node));
    }

    private static Integer integer(JsonNode node) throws Rejection {
        requireIntegral(node);
        if (!node.canConvertToInt()) {
            throw new Rejection("integer " + Describe.clip(node.asText()) + " is out of the INT range "
                    + Integer.MIN_VALUE + ".." + Integer.MAX_VALUE + " (declare the column LONG)");
        }
        return node.intValue();
    }

    private static Long longValue(JsonNode node) throws Rejection {
        requireIntegral(node);
        if (!node.canConvertToLong()) {
            throw new Rejection("integer " + Describe.clip(node.asText()) + " is out of the LONG range");
        }
        return node.longValue();
    }

    private static void requireIntegral(JsonNode node) throws Rejection {
        if (!node.isIntegralNumber()) {
            throw new Rejection("expected an integer, got " + Describe.value(node));
        }
    }

    private static Double doubleValue(JsonNode node) throws Rejection {
        requireNumber(node);
        double value = node.doubleValue();
        if (!Double.isFinite(value)) {
            throw new Rejection("number " + Describe.clip(node.asText()) + " is out of the DOUBLE range");
        }
        return value;
    }

    private static Float floatValue(JsonNode node) throws Rejection {
        requireNumber(node);
        double value = node.doubleValue();
        if (!Double.isFinite(value) || Math.abs(value) > Float.MAX_VALUE) {
            throw new Rejection("number " + Describe.clip(node.asText())
                    + " is out of the FLOAT range (declare the column DOUBLE)");
        }
        return (float) value;
    }

    private static void requireNumber(JsonNode node) throws Rejection {
        if (!node.isNumber()) {
            throw new Rejection("expected a number, got " + Describe.value(node));
        }
    }

    private static Boolean bool(JsonNode node) throws Rejection {
        if (!node.isBoolean()) {
            throw new Rejection("expected true or false, got " + Describe.value(node));
        }
        return node.booleanValue();
    }
}
