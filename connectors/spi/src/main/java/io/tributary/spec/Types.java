package io.tributary.spec;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/** The scalar value types options are declared with. */
public final class Types {

    private Types() {
    }

    public static ValueType<String> string() {
        return new ScalarType<>("string") {
            @Override
            String parse(String text) {
                return text;
            }

            @Override
            public void describe(ObjectNode schema) {
                schema.put("type", "string");
            }
        };
    }

    public static ValueType<Integer> integer(int min, int max) {
        return wholeNumber(min, max, Math::toIntExact);
    }

    public static ValueType<Long> longInteger(long min, long max) {
        return wholeNumber(min, max, n -> n);
    }

    /** A whole number in [min, max]; underscores may group digits, as in 100_000. */
    private static <T> ValueType<T> wholeNumber(long min, long max, java.util.function.LongFunction<T> box) {
        return new ScalarType<>("integer") {
            @Override
            T parse(String text) {
                long value;
                try {
                    value = Long.parseLong(text.replace("_", ""));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("expected an integer, found '" + text + "'");
                }
                if (value < min || value > max) {
                    throw new IllegalArgumentException("must be between " + min + " and " + max + ", found " + value);
                }
                return box.apply(value);
            }

            @Override
            public void describe(ObjectNode schema) {
                describeWithVariable(schema, s -> s.put("type", "integer").put("minimum", min).put("maximum", max));
            }
        };
    }

    public static ValueType<Boolean> bool() {
        return new ScalarType<>("boolean") {
            @Override
            Boolean parse(String text) {
                return switch (text) {
                    case "true" -> true;
                    case "false" -> false;
                    default -> throw new IllegalArgumentException("expected true or false, found '" + text + "'");
                };
            }

            @Override
            public void describe(ObjectNode schema) {
                describeWithVariable(schema, s -> s.put("type", "boolean"));
            }
        };
    }

    /** One of a fixed set of words; the message lists them all. */
    public static ValueType<String> oneOf(List<String> allowed) {
        return new ScalarType<>("one of " + String.join(", ", allowed)) {
            @Override
            String parse(String text) {
                if (!allowed.contains(text)) {
                    String hint = Suggestions.closest(text, allowed).map(s -> " (did you mean '" + s + "'?)").orElse("");
                    throw new IllegalArgumentException(
                            "'" + text + "' is not allowed; use one of: " + String.join(", ", allowed) + hint);
                }
                return text;
            }

            @Override
            public void describe(ObjectNode schema) {
                ArrayNode values = schema.put("type", "string").putArray("enum");
                allowed.forEach(values::add);
            }
        };
    }

    /** A duration such as {@code 250ms}, {@code 60s}, {@code 5m} or {@code 1h}. */
    public static ValueType<Duration> duration() {
        return new ScalarType<>("duration") {
            @Override
            Duration parse(String text) {
                return Durations.parse(text);
            }

            @Override
            public void describe(ObjectNode schema) {
                schema.put("type", "string").put("pattern", "^(" + Durations.PATTERN + "|" + VARIABLE_PATTERN + ")$");
            }

            @Override
            public String format(Duration value) {
                return Durations.format(value);
            }
        };
    }

    /** A size in bytes such as {@code 128MB}, {@code 64KiB} or {@code 1000}. */
    public static ValueType<Long> byteSize() {
        return new ScalarType<>("byte size") {
            @Override
            Long parse(String text) {
                return ByteSizes.parse(text.toUpperCase(Locale.ROOT));
            }

            @Override
            public void describe(ObjectNode schema) {
                describeWithVariable(schema, s -> s.put("type", "string").put("pattern", "^" + ByteSizes.PATTERN + "$"));
            }

            @Override
            public String format(Long value) {
                return ByteSizes.format(value);
            }
        };
    }
}
