package io.tributary.spec;

import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/** Where a value is being read: the file, the key path, the variables in scope, and where problems go. */
public final class ReadContext {

    /** {@code ${NAME}} or {@code ${NAME:-fallback}}. */
    static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?}");

    private final String file;
    private final String keyPath;
    private final Function<String, Optional<String>> variables;
    private final Problems problems;

    public ReadContext(String file, Function<String, Optional<String>> variables, Problems problems) {
        this(file, "", variables, problems);
    }

    private ReadContext(String file, String keyPath, Function<String, Optional<String>> variables, Problems problems) {
        this.file = file;
        this.keyPath = keyPath;
        this.variables = variables;
        this.problems = problems;
    }

    public ReadContext child(String key) {
        return new ReadContext(file, keyPath.isEmpty() ? key : keyPath + "." + key, variables, problems);
    }

    public ReadContext element(int index) {
        return new ReadContext(file, keyPath + "[" + index + "]", variables, problems);
    }

    public String keyPath() {
        return keyPath;
    }

    public String file() {
        return file;
    }

    Problems problems() {
        return problems;
    }

    public Location locate(Node node) {
        if (node == null || node.getStartMark() == null) {
            return Location.unknown(file);
        }
        return new Location(file, node.getStartMark().getLine() + 1, node.getStartMark().getColumn() + 1);
    }

    public void problem(Node node, String message) {
        problems.add(locate(node), keyPath, message);
    }

    /**
     * The text of a scalar with {@code ${VAR}} references substituted, or null (with a problem reported) when
     * the node is not a scalar or names an unset variable.
     */
    public String scalar(Node node, String expected) {
        if (!(node instanceof ScalarNode scalar)) {
            problem(node, "expected " + expected + ", found " + describe(node));
            return null;
        }
        String raw = scalar.getValue();
        if (isNull(scalar)) {
            problem(node, "expected " + expected + ", found nothing");
            return null;
        }
        return substitute(node, raw);
    }

    private String substitute(Node node, String raw) {
        Matcher m = VARIABLE.matcher(raw);
        StringBuilder out = new StringBuilder();
        boolean ok = true;
        while (m.find()) {
            String name = m.group(1);
            Optional<String> value = variables.apply(name);
            if (value.isEmpty() && m.group(2) != null) {
                value = Optional.of(m.group(2));
            }
            if (value.isEmpty()) {
                problem(node, "environment variable " + name + " is not set (referenced as ${" + name + "})");
                ok = false;
                continue;
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value.get()));
        }
        m.appendTail(out);
        return ok ? out.toString() : null;
    }

    static boolean isNull(ScalarNode scalar) {
        String v = scalar.getValue();
        return scalar.getTag().getValue().endsWith(":null") || (scalar.getScalarStyle().getChar() == null
                && (v.isEmpty() || v.equals("~") || v.equals("null")));
    }

    static boolean referencesVariable(Node node) {
        return node instanceof ScalarNode scalar && VARIABLE.matcher(scalar.getValue()).find();
    }

    static String describe(Node node) {
        if (node instanceof MappingNode) {
            return "a mapping";
        }
        if (node instanceof SequenceNode) {
            return "a list";
        }
        if (node instanceof ScalarNode scalar) {
            return isNull(scalar) ? "nothing" : "'" + scalar.getValue() + "'";
        }
        return "nothing";
    }
}
