package io.tributary.spec;

/** One thing wrong with a config file, printed as {@code file:line:col: key.path: message}. */
public record Problem(Location location, String keyPath, String message) {

    @Override
    public String toString() {
        return location + ": " + (keyPath.isEmpty() ? "" : keyPath + ": ") + message;
    }
}
