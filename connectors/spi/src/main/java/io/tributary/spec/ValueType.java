package io.tributary.spec;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.yaml.snakeyaml.nodes.Node;

/**
 * The type of an option's value. One implementation knows, for its type, how to read a YAML node, how to
 * describe itself in JSON Schema and in the docs: that is what keeps the three in agreement.
 */
public interface ValueType<T> {

    /** A short name for docs and messages: "integer", "list of string", "duration". */
    String docName();

    /** Fills {@code schema} with this type's JSON Schema keywords. */
    void describe(ObjectNode schema);

    /** Reads a value, or reports what is wrong through {@code context} and returns null. */
    T read(Node node, ReadContext context);

    /** How a value of this type is written in YAML, for defaults in docs and in plan output. */
    default String format(T value) {
        return String.valueOf(value);
    }
}
