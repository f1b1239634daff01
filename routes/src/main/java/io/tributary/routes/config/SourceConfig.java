package io.tributary.routes.config;

import io.tributary.connector.SourceConnector;
import io.tributary.connector.SourceDefinition;
import io.tributary.spec.ConfigValues;
import java.util.Optional;

/** One validated source file, with typed access to the options every source shares. */
public final class SourceConfig {

    private final SourceDefinition definition;
    private final SourceConnector connector;
    private final ConfigValues device;
    private final ConfigValues kafka;
    private final ConfigValues lake;
    private final ConfigValues root;

    SourceConfig(SourceDefinition definition, SourceConnector connector, ConfigValues device, ConfigValues kafka,
                 ConfigValues lake, ConfigValues root) {
        this.root = root;
        this.definition = definition;
        this.connector = connector;
        this.device = device;
        this.kafka = kafka;
        this.lake = lake;
    }

    /** The whole file's values, for plan output and messages that point into the file. */
    public ConfigValues rootValues() {
        return root;
    }

    public String name() {
        return definition.name();
    }

    public String file() {
        return definition.file();
    }

    public SourceDefinition definition() {
        return definition;
    }

    public SourceConnector connector() {
        return connector;
    }

    /**
     * The {@code device:} section as written; empty when the file has none, which the loader allows only for a
     * type whose connector has a {@link SourceConnector#defaultDeviceHeader() default device header}.
     */
    public Optional<ConfigValues> device() {
        return Optional.ofNullable(device);
    }

    public String topic() {
        return kafka.get(SourceOptions.KAFKA_TOPIC);
    }

    public String deadLetterTopic() {
        return kafka.isSet(SourceOptions.KAFKA_DEAD_LETTER) ? kafka.get(SourceOptions.KAFKA_DEAD_LETTER) : topic() + ".dlq";
    }

    public int partitions() {
        return kafka.get(SourceOptions.KAFKA_PARTITIONS);
    }

    public int replicationFactor() {
        return kafka.get(SourceOptions.KAFKA_REPLICATION);
    }

    /** The {@code lake:} section, when the source writes into the lake. */
    public Optional<ConfigValues> lake() {
        return Optional.ofNullable(lake);
    }
}
