package io.tributary.routes.config;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.lake.PartitionField;
import io.tributary.lake.Partitioning;
import io.tributary.spec.ReadContext;
import io.tributary.spec.ValueType;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * The value of {@code lake.partitionBy}: {@code day} or {@code hour} as before, or a list of
 * transforms such as {@code [day(event_time), bucket(16, device_id)]}. Each entry is checked where
 * it is written, so an error points at the bad entry; the value read is the canonical text of each.
 */
final class PartitionTransformsType implements ValueType<List<String>> {

    /** What one entry may look like, for editors; the reader gives the precise message. */
    private static final String ENTRY_PATTERN = "^\\s*(day|hour|device_id|(day|hour)\\(\\s*event_time\\s*\\)"
            + "|identity\\(\\s*device_id\\s*\\)|bucket\\(\\s*[0-9]+\\s*,\\s*device_id\\s*\\))\\s*$";

    @Override
    public String docName() {
        return "day, hour, or a list of transforms: day(event_time), hour(event_time), identity(device_id),"
                + " bucket(N, device_id)";
    }

    @Override
    public void describe(ObjectNode schema) {
        ArrayNode anyOf = schema.putArray("anyOf");
        ObjectNode shorthand = anyOf.addObject().put("type", "string");
        shorthand.putArray("enum").add("day").add("hour");
        ObjectNode list = anyOf.addObject().put("type", "array");
        list.putObject("items").put("type", "string").put("pattern", ENTRY_PATTERN);
    }

    @Override
    public List<String> read(Node node, ReadContext context) {
        if (!(node instanceof SequenceNode sequence)) {
            String text = context.scalar(node, "day, hour or a list of partition transforms");
            if (text == null) {
                return null;
            }
            return entry(text, node, context).map(field -> List.of(field.text())).orElse(null);
        }
        List<PartitionField> fields = new ArrayList<>();
        boolean ok = true;
        List<Node> elements = sequence.getValue();
        for (int i = 0; i < elements.size(); i++) {
            Node element = elements.get(i);
            ReadContext at = context.element(i);
            String text = at.scalar(element, "a partition transform such as day(event_time)");
            // in a flow list, [day(event_time), bucket(16, device_id)], YAML splits bucket's arguments at
            // the comma: join the pieces back until the parenthesis closes
            while (text != null && text.contains("(") && !text.contains(")") && i + 1 < elements.size()) {
                String next = at.scalar(elements.get(++i), "the rest of " + text);
                text = next == null ? null : text + ", " + next;
            }
            var field = text == null ? java.util.Optional.<PartitionField>empty() : entry(text, element, at);
            ok &= field.isPresent();
            field.ifPresent(fields::add);
        }
        if (!ok) {
            return null;
        }
        try {
            new Partitioning(fields);
        } catch (IllegalArgumentException e) {
            context.problem(node, e.getMessage());
            return null;
        }
        return fields.stream().map(PartitionField::text).toList();
    }

    private static java.util.Optional<PartitionField> entry(String text, Node node, ReadContext context) {
        try {
            return java.util.Optional.of(PartitionField.parse(text));
        } catch (IllegalArgumentException e) {
            context.problem(node, e.getMessage());
            return java.util.Optional.empty();
        }
    }

    @Override
    public String format(List<String> value) {
        if (value.size() == 1 && value.get(0).equals(new PartitionField.Day().text())) {
            return "day";
        }
        if (value.size() == 1 && value.get(0).equals(new PartitionField.Hour().text())) {
            return "hour";
        }
        return value.stream().collect(Collectors.joining(", ", "[", "]"));
    }
}
