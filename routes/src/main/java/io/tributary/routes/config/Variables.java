package io.tributary.routes.config;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** What {@code ${NAME}} in a config file resolves to: the environment, optionally overlaid (the embedded default). */
public final class Variables implements Function<String, Optional<String>> {

    private final Map<String, String> environment;
    private final Map<String, String> overlay;

    private Variables(Map<String, String> environment, Map<String, String> overlay) {
        this.environment = environment;
        this.overlay = overlay;
    }

    public static Variables environment() {
        return new Variables(System.getenv(), Map.of());
    }

    public static Variables of(Map<String, String> values) {
        return new Variables(Map.copyOf(values), Map.of());
    }

    /** These values win over the environment. */
    public Variables overlay(Map<String, String> values) {
        Map<String, String> merged = new HashMap<>(overlay);
        merged.putAll(values);
        return new Variables(environment, Map.copyOf(merged));
    }

    @Override
    public Optional<String> apply(String name) {
        String value = overlay.containsKey(name) ? overlay.get(name) : environment.get(name);
        return Optional.ofNullable(value);
    }
}
