package io.tributary.lake.storage.objectstore;

/**
 * Maps lake paths ({@code table/dt=.../file.parquet}) to object names under a configured prefix
 * and back. The prefix has no leading or trailing slash; an empty prefix is the bucket's root.
 */
public final class ObjectKeys {

    private final String prefix;

    public ObjectKeys(String prefix) {
        String trimmed = prefix == null ? "" : prefix.strip();
        while (trimmed.startsWith("/")) {
            trimmed = trimmed.substring(1);
        }
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        this.prefix = trimmed;
    }

    public String prefix() {
        return prefix;
    }

    /** The object name of a lake path. */
    public String key(String path) {
        if (path.startsWith("/")) {
            throw new IllegalArgumentException("lake paths are relative to the lake root: " + path);
        }
        return prefix.isEmpty() ? path : prefix + "/" + path;
    }

    /** The lake path of an object name that {@link #key} produced. */
    public String path(String key) {
        if (prefix.isEmpty()) {
            return key;
        }
        if (!key.startsWith(prefix + "/")) {
            throw new IllegalArgumentException("object " + key + " is not under the lake prefix " + prefix);
        }
        return key.substring(prefix.length() + 1);
    }
}
