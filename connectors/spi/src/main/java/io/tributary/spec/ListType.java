package io.tributary.spec;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.SequenceNode;

/** A YAML list whose elements share one type. */
final class ListType<E> implements ValueType<List<E>> {

    private final ValueType<E> element;

    ListType(ValueType<E> element) {
        this.element = element;
    }

    ValueType<E> element() {
        return element;
    }

    @Override
    public String docName() {
        return "list of " + element.docName();
    }

    @Override
    public void describe(ObjectNode schema) {
        schema.put("type", "array");
        element.describe(schema.putObject("items"));
    }

    @Override
    public List<E> read(Node node, ReadContext context) {
        if (!(node instanceof SequenceNode sequence)) {
            context.problem(node, "expected a list of " + element.docName() + ", found " + ReadContext.describe(node));
            return null;
        }
        List<E> values = new ArrayList<>();
        boolean ok = true;
        for (int i = 0; i < sequence.getValue().size(); i++) {
            E value = element.read(sequence.getValue().get(i), context.element(i));
            ok &= value != null;
            values.add(value);
        }
        return ok ? List.copyOf(values) : null;
    }

    @Override
    public String format(List<E> value) {
        return value.stream().map(element::format).collect(Collectors.joining(", ", "[", "]"));
    }
}
