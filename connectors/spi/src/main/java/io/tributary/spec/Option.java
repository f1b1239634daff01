package io.tributary.spec;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.yaml.snakeyaml.nodes.Node;

/**
 * One config option, declared once: name, type, default, whether it is required or secret, its checks and its
 * description. Validation, the JSON Schema and the option docs are all derived from this declaration.
 */
public final class Option<T> {

    private final String name;
    private final ValueType<T> type;
    private final T defaultValue;
    private final boolean required;
    private final boolean secret;
    private final String description;
    private final List<Check<T>> checks;

    private Option(Builder<T> b) {
        this.name = b.name;
        this.type = b.type;
        this.defaultValue = b.defaultValue;
        this.required = b.required;
        this.secret = b.secret;
        this.description = Objects.requireNonNull(b.description, () -> "option '" + b.name + "' needs a description");
        this.checks = List.copyOf(b.checks);
        if (required && defaultValue != null) {
            throw new IllegalStateException("option '" + name + "' cannot be both required and defaulted");
        }
    }

    public static <T> Builder<T> of(String name, ValueType<T> type) {
        return new Builder<>(name, type);
    }

    public static Builder<String> string(String name) {
        return of(name, Types.string());
    }

    public static Builder<Integer> integer(String name, int min, int max) {
        return of(name, Types.integer(min, max));
    }

    public static Builder<Long> longInteger(String name, long min, long max) {
        return of(name, Types.longInteger(min, max));
    }

    public static Builder<Boolean> bool(String name) {
        return of(name, Types.bool());
    }

    public static Builder<String> oneOf(String name, String... allowed) {
        return of(name, Types.oneOf(Arrays.asList(allowed)));
    }

    public static Builder<Duration> duration(String name) {
        return of(name, Types.duration());
    }

    public static Builder<Long> byteSize(String name) {
        return of(name, Types.byteSize());
    }

    public static Builder<List<String>> stringList(String name) {
        return of(name, new ListType<>(Types.string()));
    }

    public static Builder<ConfigValues> section(String name, Section section) {
        return of(name, new SectionType(section));
    }

    public static Builder<List<ConfigValues>> sectionList(String name, Section section) {
        return of(name, new ListType<>(new SectionType(section)));
    }

    public String name() {
        return name;
    }

    public ValueType<T> type() {
        return type;
    }

    public T defaultValue() {
        return defaultValue;
    }

    public boolean required() {
        return required;
    }

    public boolean secret() {
        return secret;
    }

    public String description() {
        return description;
    }

    /** The default as it would be written in YAML, or null when there is none. */
    public String defaultText() {
        return defaultValue == null ? null : type.format(defaultValue);
    }

    /** The value as plan output may show it: secrets are masked. */
    @SuppressWarnings("unchecked")
    public String display(Object value) {
        if (secret) {
            return "******";
        }
        return value == null ? "-" : type.format((T) value);
    }

    T read(Node node, ReadContext context) {
        if (secret && !ReadContext.referencesVariable(node)) {
            context.problem(node, "is a secret: reference an environment variable such as ${"
                    + name.toUpperCase(java.util.Locale.ROOT) + "} instead of writing the value into the file");
            return null;
        }
        T value = type.read(node, context);
        if (value == null) {
            return null;
        }
        for (Check<T> check : checks) {
            String problem = check.problem(value);
            if (problem != null) {
                context.problem(node, problem);
                return null;
            }
        }
        return value;
    }

    ObjectNode schema(ObjectNode schema) {
        type.describe(schema);
        schema.put("description", description);
        if (defaultValue instanceof Boolean b) {
            schema.put("default", b);
        } else if (defaultValue != null && defaultText().matches("-?[0-9]+") && !(defaultValue instanceof String)) {
            schema.put("default", Long.parseLong(defaultText()));
        } else if (defaultValue != null) {
            schema.put("default", defaultText());
        }
        if (secret) {
            schema.put("pattern", ".*" + ScalarType.VARIABLE_PATTERN + ".*");
            schema.put("x-secret", true);
        }
        return schema;
    }

    @Override
    public String toString() {
        return name;
    }

    /** Declares an option fluently; {@link #build()} checks that the declaration is complete. */
    public static final class Builder<T> {
        private final String name;
        private final ValueType<T> type;
        private T defaultValue;
        private boolean required;
        private boolean secret;
        private String description;
        private final List<Check<T>> checks = new ArrayList<>();

        private Builder(String name, ValueType<T> type) {
            this.name = name;
            this.type = type;
        }

        public Builder<T> description(String text) {
            this.description = text;
            return this;
        }

        public Builder<T> defaultValue(T value) {
            this.defaultValue = value;
            return this;
        }

        public Builder<T> required() {
            this.required = true;
            return this;
        }

        /** The value may only come from an environment variable, and is never printed. */
        public Builder<T> secret() {
            this.secret = true;
            return this;
        }

        public Builder<T> check(Check<T> check) {
            this.checks.add(check);
            return this;
        }

        public Option<T> build() {
            return new Option<>(this);
        }
    }
}
