package io.tributary.spec;

import java.io.StringReader;
import java.util.Optional;
import java.util.function.Function;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;

/** Reads one YAML document against a declared section, keeping line and column for every problem. */
public final class SpecReader {

    private final Function<String, Optional<String>> variables;

    public SpecReader(Function<String, Optional<String>> variables) {
        this.variables = variables;
    }

    /** Reads {@code text} (from {@code file}) into values; returns null when the YAML itself is unreadable. */
    public ConfigValues read(String file, String text, Section root, Problems problems) {
        Node node;
        try {
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(true); // reported by Section with a position, not thrown
            node = new Yaml(new SafeConstructor(options)).compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            Location at = mark == null ? Location.unknown(file) : new Location(file, mark.getLine() + 1, mark.getColumn() + 1);
            String what = e.getProblem() != null ? e.getProblem() : e.getMessage();
            problems.add(at, "", "YAML syntax error: " + what
                    + (e.getContext() != null ? " (" + e.getContext() + ")" : ""));
            return null;
        } catch (YAMLException e) {
            problems.add(Location.unknown(file), "", "YAML syntax error: " + e.getMessage());
            return null;
        }
        if (node == null) {
            problems.add(Location.unknown(file), "", "the file is empty");
            return null;
        }
        return root.read(node, new ReadContext(file, variables, problems));
    }
}
