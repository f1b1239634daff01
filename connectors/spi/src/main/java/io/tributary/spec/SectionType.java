package io.tributary.spec;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.yaml.snakeyaml.nodes.Node;

/** A nested mapping declared by its own {@link Section}. */
final class SectionType implements ValueType<ConfigValues> {

    private final Section section;

    SectionType(Section section) {
        this.section = section;
    }

    Section section() {
        return section;
    }

    @Override
    public String docName() {
        return "mapping";
    }

    @Override
    public void describe(ObjectNode schema) {
        section.describe(schema);
    }

    @Override
    public ConfigValues read(Node node, ReadContext context) {
        return section.read(node, context);
    }

    @Override
    public String format(ConfigValues value) {
        return "{...}";
    }
}
