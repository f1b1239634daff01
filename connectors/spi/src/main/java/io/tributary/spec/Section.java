package io.tributary.spec;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * A YAML mapping declared as a list of options plus the rules that span several of them. Unknown keys are
 * errors: a typo must never be silently ignored.
 */
public final class Section {

    private final String description;
    private final Map<String, Option<?>> options;
    private final List<Rule> rules;
    private final Consumer<ObjectNode> schemaExtras;

    private Section(Builder b) {
        this.description = b.description;
        this.options = b.options;
        this.rules = List.copyOf(b.rules);
        this.schemaExtras = b.schemaExtras;
    }

    public static Builder builder(String description) {
        return new Builder(description);
    }

    public String description() {
        return description;
    }

    public List<Option<?>> options() {
        return List.copyOf(options.values());
    }

    public Optional<Option<?>> option(String name) {
        return Optional.ofNullable(options.get(name));
    }

    /** Reads a mapping; every problem goes to the context, and null is returned only when it is no mapping. */
    public ConfigValues read(Node node, ReadContext context) {
        if (!(node instanceof MappingNode mapping)) {
            context.problem(node, "expected a mapping of keys, found " + ReadContext.describe(node));
            return null;
        }
        Map<Option<?>, Object> values = new LinkedHashMap<>();
        Map<Option<?>, Location> keys = new LinkedHashMap<>();
        Set<String> seen = new HashSet<>();
        boolean clean = true;
        for (NodeTuple tuple : mapping.getValue()) {
            if (!(tuple.getKeyNode() instanceof ScalarNode keyNode)) {
                context.problem(tuple.getKeyNode(), "keys must be plain words");
                clean = false;
                continue;
            }
            String key = keyNode.getValue();
            ReadContext at = context.child(key);
            if (!seen.add(key)) {
                at.problem(keyNode, "duplicate key '" + key + "'");
                clean = false;
                continue;
            }
            Option<?> option = options.get(key);
            if (option == null) {
                at.problem(keyNode, unknownKey(key));
                clean = false;
                continue;
            }
            keys.put(option, context.locate(keyNode));
            Object value = option.read(tuple.getValueNode(), at);
            if (value == null) {
                clean = false;
            } else {
                values.put(option, value);
            }
        }
        for (Option<?> option : options.values()) {
            if (option.required() && !keys.containsKey(option)) {
                context.child(option.name()).problem(mapping, "missing required key '" + option.name() + "'");
                clean = false;
            }
        }
        ConfigValues result = new ConfigValues(this, context, context.locate(mapping), values, keys);
        // cross-field rules only make sense once every single value has been read successfully
        if (clean) {
            rules.forEach(rule -> rule.check(result));
        }
        return result;
    }

    private String unknownKey(String key) {
        String message = "unknown key '" + key + "'";
        Optional<String> close = Suggestions.closest(key, options.keySet());
        if (close.isPresent()) {
            return message + "; did you mean '" + close.get() + "'?";
        }
        return message + "; allowed keys: " + String.join(", ", options.keySet());
    }

    void describe(ObjectNode schema) {
        schema.put("type", "object");
        if (description != null) {
            schema.put("description", description);
        }
        schema.put("additionalProperties", false);
        ObjectNode properties = schema.putObject("properties");
        ArrayNode required = schema.arrayNode();
        for (Option<?> option : options.values()) {
            option.schema(properties.putObject(option.name()));
            if (option.required()) {
                required.add(option.name());
            }
        }
        if (!required.isEmpty()) {
            schema.set("required", required);
        }
        if (schemaExtras != null) {
            schemaExtras.accept(schema);
        }
    }

    /** Declares a section; options keep the order given, which is also the order of the docs. */
    public static final class Builder {
        private final String description;
        private final Map<String, Option<?>> options = new LinkedHashMap<>();
        private final List<Rule> rules = new ArrayList<>();
        private Consumer<ObjectNode> schemaExtras;

        private Builder(String description) {
            this.description = description;
        }

        public Builder add(Option<?>... declared) {
            for (Option<?> option : declared) {
                if (options.putIfAbsent(option.name(), option) != null) {
                    throw new IllegalStateException("option '" + option.name() + "' is declared twice");
                }
            }
            return this;
        }

        public Builder rule(Rule rule) {
            rules.add(rule);
            return this;
        }

        /** Adds JSON Schema keywords for rules that JSON Schema can express (e.g. if/then on a type key). */
        public Builder schemaExtras(Consumer<ObjectNode> extras) {
            this.schemaExtras = extras;
            return this;
        }

        public Section build() {
            return new Section(this);
        }
    }
}
