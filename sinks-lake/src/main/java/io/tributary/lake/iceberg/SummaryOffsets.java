package io.tributary.lake.iceberg;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.iceberg.Snapshot;

/**
 * The Kafka offsets an Iceberg snapshot's summary holds: under {@value #OFFSETS} a JSON object
 * from Kafka partition number to the next offset to read ({@code {"0":1200,"1":980}}), for every
 * partition of the table's topic any commit ever covered; the topic under {@value #TOPIC}; and a
 * fresh id per commit under {@value #COMMIT_ID}. Snapshots written by other tools (maintenance,
 * Spark) may lack them; the offsets then come from the nearest ancestor that has them.
 */
public final class SummaryOffsets {

    public static final String OFFSETS = "tributary.kafka-offsets";
    public static final String TOPIC = "tributary.kafka-topic";
    public static final String COMMIT_ID = "tributary.commit-id";

    private static final ObjectMapper JSON = new ObjectMapper();

    private SummaryOffsets() {
    }

    /** The summary value for {@value #OFFSETS}: partitions in ascending order. */
    public static String encode(Map<Integer, Long> offsets) {
        ObjectNode node = JSON.createObjectNode();
        new TreeMap<>(offsets).forEach((partition, offset) -> node.put(Integer.toString(partition), offset));
        return node.toString();
    }

    /**
     * Reads {@value #OFFSETS} from a snapshot summary, if the summary has offsets of {@code topic}.
     *
     * @throws IllegalStateException when the value is malformed (someone edited it by hand)
     */
    public static Optional<Map<Integer, Long>> decode(Map<String, String> summary, String topic) {
        String text = summary == null ? null : summary.get(OFFSETS);
        if (text == null || !topic.equals(summary.get(TOPIC))) {
            return Optional.empty();
        }
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw malformed(text, "not JSON");
        }
        if (node == null || !node.isObject()) {
            throw malformed(text, "not a JSON object");
        }
        Map<Integer, Long> offsets = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            int partition;
            try {
                partition = Integer.parseInt(entry.getKey());
            } catch (NumberFormatException e) {
                throw malformed(text, "partition '" + entry.getKey() + "' is not a number");
            }
            if (partition < 0 || !entry.getValue().canConvertToLong() || !entry.getValue().isIntegralNumber()
                    || entry.getValue().asLong() < 0) {
                throw malformed(text, "partition " + entry.getKey() + " has no valid offset");
            }
            offsets.put(partition, entry.getValue().asLong());
        }
        return Optional.of(offsets);
    }

    /**
     * The offsets of the newest snapshot at or before {@code head} (following parents) whose summary
     * has offsets of {@code topic}; empty when none has (a new table).
     */
    public static Map<Integer, Long> latest(Snapshot head, java.util.function.LongFunction<Snapshot> byId,
                                            String topic) {
        Snapshot snapshot = head;
        while (snapshot != null) {
            Optional<Map<Integer, Long>> offsets = decode(snapshot.summary(), topic);
            if (offsets.isPresent()) {
                return offsets.get();
            }
            Long parent = snapshot.parentId();
            snapshot = parent == null ? null : byId.apply(parent);
        }
        return Map.of();
    }

    /**
     * The offset entries ({@value #OFFSETS} and {@value #TOPIC}) of the newest snapshot at or before
     * {@code head} that has them, as they are, to carry over into a snapshot that adds no rows
     * (a compaction); empty when none has.
     */
    public static Map<String, String> latestEntries(Snapshot head, java.util.function.LongFunction<Snapshot> byId) {
        Snapshot snapshot = head;
        while (snapshot != null) {
            Map<String, String> summary = snapshot.summary();
            if (summary != null && summary.containsKey(OFFSETS) && summary.containsKey(TOPIC)) {
                return Map.of(OFFSETS, summary.get(OFFSETS), TOPIC, summary.get(TOPIC));
            }
            Long parent = snapshot.parentId();
            snapshot = parent == null ? null : byId.apply(parent);
        }
        return Map.of();
    }

    /** {@code previous} with {@code updates} laid over it: partitions this commit does not cover keep their offsets. */
    public static Map<Integer, Long> merge(Map<Integer, Long> previous, Map<Integer, Long> updates) {
        Map<Integer, Long> merged = new TreeMap<>(previous);
        merged.putAll(updates);
        return merged;
    }

    private static IllegalStateException malformed(String text, String why) {
        return new IllegalStateException("snapshot summary " + OFFSETS + " '" + text + "' is malformed (" + why
                + "); it must map Kafka partition numbers to offsets, e.g. {\"0\":1200}");
    }
}
