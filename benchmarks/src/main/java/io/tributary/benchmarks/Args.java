package io.tributary.benchmarks;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code --name value} command-line options with defaults, plus repeatable {@code --client key=value}
 * Kafka client settings. An unknown option is an error that lists the known ones.
 */
final class Args {

    private final Map<String, String> values;
    private final Map<String, Object> clientProps;

    private Args(Map<String, String> values, Map<String, Object> clientProps) {
        this.values = values;
        this.clientProps = clientProps;
    }

    /** @param defaults every known option with its default value */
    static Args parse(String[] args, Map<String, String> defaults) {
        Map<String, String> values = new LinkedHashMap<>(defaults);
        Map<String, Object> clientProps = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --name value, got '" + arg + "'; options: " + usage(defaults));
            }
            String name = arg.substring(2);
            String value = args[++i];
            if (name.equals("client")) {
                int eq = value.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException("--client needs key=value, got '" + value + "'");
                }
                clientProps.put(value.substring(0, eq), value.substring(eq + 1));
            } else if (values.containsKey(name)) {
                values.put(name, value);
            } else {
                throw new IllegalArgumentException("unknown option --" + name + "; options: " + usage(defaults));
            }
        }
        return new Args(values, clientProps);
    }

    int integer(String name) {
        return Integer.parseInt(values.get(name));
    }

    String text(String name) {
        return values.get(name);
    }

    /** Kafka settings given with {@code --client key=value}, applied to both sides of a comparison. */
    Map<String, Object> clientProps() {
        return Map.copyOf(clientProps);
    }

    String describe() {
        StringBuilder text = new StringBuilder();
        values.forEach((name, value) -> text.append("--").append(name).append(' ').append(value).append(' '));
        clientProps.forEach((key, value) -> text.append("--client ").append(key).append('=').append(value).append(' '));
        return text.toString().trim();
    }

    private static String usage(Map<String, String> defaults) {
        StringBuilder text = new StringBuilder();
        defaults.forEach((name, value) -> text.append("--").append(name).append(' ').append(value).append(", "));
        return text.append("--client key=value (repeatable)").toString();
    }
}
