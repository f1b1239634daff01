package io.tributary.connector;

import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeMap;

/** The connectors on the class path, by type name. */
public final class SourceConnectors {

    private final Map<String, SourceConnector> byType;

    private SourceConnectors(Map<String, SourceConnector> byType) {
        this.byType = Map.copyOf(byType);
    }

    public static SourceConnectors discover() {
        Map<String, SourceConnector> found = new TreeMap<>();
        for (SourceConnector connector : ServiceLoader.load(SourceConnector.class)) {
            SourceConnector previous = found.putIfAbsent(connector.type(), connector);
            if (previous != null) {
                throw new IllegalStateException("two connectors claim type '" + connector.type() + "': "
                        + previous.getClass().getName() + " and " + connector.getClass().getName());
            }
        }
        return new SourceConnectors(found);
    }

    public Optional<SourceConnector> find(String type) {
        return Optional.ofNullable(byType.get(type));
    }

    /** All connectors, sorted by type. */
    public Map<String, SourceConnector> all() {
        return new TreeMap<>(byType);
    }
}
