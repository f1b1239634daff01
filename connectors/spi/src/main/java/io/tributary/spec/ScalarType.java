package io.tributary.spec;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.function.Function;
import org.yaml.snakeyaml.nodes.Node;

/**
 * A value written as one YAML scalar. Non-string scalars may also be written as {@code ${VAR}}, so their
 * schema accepts a variable reference as well.
 */
abstract class ScalarType<T> implements ValueType<T> {

    static final String VARIABLE_PATTERN = "\\$\\{[A-Za-z_][A-Za-z0-9_]*(:-[^}]*)?}";

    private final String docName;

    ScalarType(String docName) {
        this.docName = docName;
    }

    @Override
    public String docName() {
        return docName;
    }

    @Override
    public final T read(Node node, ReadContext context) {
        String text = context.scalar(node, "a " + docName);
        if (text == null) {
            return null;
        }
        try {
            return parse(text.trim());
        } catch (IllegalArgumentException e) {
            context.problem(node, e.getMessage());
            return null;
        }
    }

    /** Parses the substituted text; throws IllegalArgumentException with a message that says what is right. */
    abstract T parse(String text);

    /** Describes a non-string scalar that may also be given as a variable reference. */
    static void describeWithVariable(ObjectNode schema, Function<ObjectNode, ObjectNode> literal) {
        ObjectNode variable = schema.objectNode().put("type", "string").put("pattern", "^" + VARIABLE_PATTERN + "$");
        schema.putArray("anyOf").add(literal.apply(schema.objectNode())).add(variable);
    }
}
