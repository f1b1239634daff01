package io.tributary.routes.config;

import io.tributary.connector.SourceConnector;
import io.tributary.connector.SourceConnectors;
import io.tributary.spec.ConfigValues;
import io.tributary.spec.Option;
import io.tributary.spec.Section;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The declaration of a source file ({@code config/sources/*.yaml}): the options every source shares, plus one
 * section per connector on the class path, keyed by its type.
 */
public final class SourceOptions {

    public static final Option<String> NAME = Option.string("name").required().check(Checks.name())
            .description("Unique name of the source; used in route ids, metrics, ce_source and the lake's source column.")
            .build();

    public static final Option<String> DEVICE_FROM_TOPIC = Option.string("fromTopic")
            .check(pattern -> pattern.contains("{device}") ? null
                    : "'" + pattern + "' has no {device} placeholder; write e.g. fleet/{device}/telemetry")
            .description("Topic pattern with a {device} placeholder for one topic level, e.g. fleet/{device}/telemetry.")
            .build();
    public static final Option<String> DEVICE_FROM_PAYLOAD = Option.string("fromPayload").check(Checks.jsonPointer())
            .description("JSON pointer to the device id inside a JSON payload, e.g. /deviceId.").build();
    public static final Option<String> DEVICE_FROM_HEADER = Option.string("fromHeader")
            .description("Name of a protocol metadata header (unprefixed, as listed per connector) holding the device id.")
            .build();
    public static final Section DEVICE = Section.builder("Where the device id, the Kafka key, comes from: exactly one.")
            .add(DEVICE_FROM_TOPIC, DEVICE_FROM_PAYLOAD, DEVICE_FROM_HEADER)
            .rule(values -> {
                long set = List.of(DEVICE_FROM_TOPIC, DEVICE_FROM_PAYLOAD, DEVICE_FROM_HEADER).stream()
                        .filter(values::isSet).count();
                if (set != 1) {
                    values.report(set == 0 ? DEVICE_FROM_TOPIC : DEVICE_FROM_PAYLOAD,
                            "set exactly one of fromTopic, fromPayload, fromHeader (found " + set + ")");
                }
            })
            .build();

    public static final Option<String> KAFKA_TOPIC = Option.string("topic").required().check(Checks.kafkaTopic())
            .description("Kafka topic the source's records are written to.").build();
    public static final Option<Integer> KAFKA_PARTITIONS = Option.integer("partitions", 1, 10_000).defaultValue(6)
            .description("Partitions of the topic when the hub creates it; an existing topic is left as it is.").build();
    public static final Option<Integer> KAFKA_REPLICATION = Option.integer("replicationFactor", -1, 32).defaultValue(-1)
            .description("Replication factor when the hub creates the topic; -1 uses the broker's default.").build();
    public static final Option<String> KAFKA_DEAD_LETTER = Option.string("deadLetterTopic").check(Checks.kafkaTopic())
            .description("Topic for messages that cannot be delivered or mapped, with the reason in headers; "
                    + "when unset, the topic name followed by .dlq.")
            .build();
    public static final Section KAFKA = Section.builder("Where the source's records go in Kafka.")
            .add(KAFKA_TOPIC, KAFKA_PARTITIONS, KAFKA_REPLICATION, KAFKA_DEAD_LETTER).build();

    private SourceOptions() {
    }

    /** The whole source file, for the connectors found on the class path. */
    public static Section root(SourceConnectors connectors) {
        Map<String, SourceConnector> all = connectors.all();
        Option<String> type = Option.oneOf("type", all.keySet().toArray(String[]::new)).required()
                .description("The protocol of the source; its options go under a key of the same name.").build();
        List<Option<?>> options = new ArrayList<>(List.of(NAME, type));
        List<Option<ConfigValues>> protocolSections = new ArrayList<>();
        for (SourceConnector connector : all.values()) {
            Option<ConfigValues> section = Option.section(connector.type(), connector.options())
                    .description(connector.description()).build();
            protocolSections.add(section);
            options.add(section);
        }
        Option<ConfigValues> device = Option.section("device", DEVICE).description(deviceDescription(all)).build();
        options.add(device);
        options.add(Option.section("kafka", KAFKA).required().description("The Kafka topic.").build());
        options.add(Option.section("lake", LakeOptions.LAKE)
                .description("Optional: write the topic into a Parquet lake table.").build());
        return Section.builder("A source file: one source per file.")
                .add(options.toArray(Option[]::new))
                .rule(values -> {
                    String chosen = values.get(type);
                    for (Option<ConfigValues> section : protocolSections) {
                        boolean isChosen = section.name().equals(chosen);
                        if (isChosen && !values.isSet(section)) {
                            values.report(type, "type is '" + chosen + "' but there is no '" + chosen + ":' section");
                        } else if (!isChosen && values.isSet(section)) {
                            values.report(section, "'" + section.name() + ":' does not apply to type '" + chosen + "'");
                        }
                    }
                    // device: may be left out only where the connector names the device itself (IoT Hub's
                    // authenticated device id); the schema's if/then below requires it from the same answer
                    SourceConnector connector = all.get(chosen);
                    if (!values.isSet(device) && connector != null && connector.defaultDeviceHeader().isEmpty()) {
                        values.report(device, type, "required for type '" + chosen + "', which has no default "
                                + "device id; add e.g. device: { fromTopic: fleet/{device}/telemetry }, "
                                + "{ fromPayload: /deviceId } or { fromHeader: <metadata header> }");
                    }
                })
                .schemaExtras(schema -> {
                    var allOf = schema.putArray("allOf");
                    for (Option<ConfigValues> section : protocolSections) {
                        var rule = allOf.addObject();
                        rule.putObject("if").putObject("properties").putObject("type").put("const", section.name());
                        var required = rule.putObject("then").putArray("required").add(section.name());
                        if (all.get(section.name()).defaultDeviceHeader().isEmpty()) {
                            required.add(device.name());
                        }
                    }
                })
                .build();
    }

    /** Names the types whose connector supplies the device id, so the docs say when {@code device:} may be left out. */
    private static String deviceDescription(Map<String, SourceConnector> all) {
        List<String> defaults = all.values().stream()
                .flatMap(c -> c.defaultDeviceHeader().map(h -> c.type() + " reads it from header " + h).stream())
                .toList();
        return "How the device id is found. Required, except for types whose connector names the device itself"
                + (defaults.isEmpty() ? "." : "; left out, " + String.join(", ", defaults) + ".");
    }

    /** The option of the root section with that name. */
    @SuppressWarnings("unchecked")
    public static <T> Option<T> rootOption(Section root, String name) {
        return (Option<T>) root.option(name).orElseThrow();
    }
}
