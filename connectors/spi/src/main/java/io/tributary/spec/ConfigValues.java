package io.tributary.spec;

import java.util.Map;

/** The values read for one section, with where each key was written, so later checks can point at it. */
public final class ConfigValues {

    private final Section section;
    private final ReadContext context;
    private final Location location;
    private final Map<Option<?>, Object> values;
    private final Map<Option<?>, Location> keyLocations;

    ConfigValues(Section section, ReadContext context, Location location, Map<Option<?>, Object> values,
                 Map<Option<?>, Location> keyLocations) {
        this.section = section;
        this.context = context;
        this.location = location;
        this.values = Map.copyOf(values);
        this.keyLocations = Map.copyOf(keyLocations);
    }

    /** The value written, else the declared default (null when there is neither). */
    @SuppressWarnings("unchecked")
    public <T> T get(Option<T> option) {
        requireDeclared(option);
        Object value = values.get(option);
        if (value == null && option.type() instanceof SectionType nested) {
            // an absent section reads as all of its defaults, so callers never special-case it
            return (T) new ConfigValues(nested.section(), context.child(option.name()), locationOf(option), Map.of(), Map.of());
        }
        return value != null ? (T) value : option.defaultValue();
    }

    public boolean isSet(Option<?> option) {
        requireDeclared(option);
        return values.containsKey(option);
    }

    public Section section() {
        return section;
    }

    public String file() {
        return context.file();
    }

    /** Where the key was written, or where this section starts when it was not written. */
    public Location locationOf(Option<?> option) {
        return keyLocations.getOrDefault(option, location);
    }

    public Location location() {
        return location;
    }

    public String keyPath(Option<?> option) {
        return context.child(option.name()).keyPath();
    }

    public String keyPath() {
        return context.keyPath();
    }

    /** Reports a problem with one option, placed at its key. */
    public void report(Option<?> option, String message) {
        context.problems().add(locationOf(option), keyPath(option), message);
    }

    /**
     * Reports a problem with one option, placed at the key that causes it: an option left out that another key's
     * value makes necessary (as {@code type:} makes {@code device:} necessary) is reported where that value is.
     */
    public void report(Option<?> option, Option<?> placedAt, String message) {
        context.problems().add(locationOf(placedAt), keyPath(option), message);
    }

    private void requireDeclared(Option<?> option) {
        if (section.option(option.name()).orElse(null) != option) {
            throw new IllegalArgumentException("option '" + option.name() + "' is not declared in this section");
        }
    }
}
