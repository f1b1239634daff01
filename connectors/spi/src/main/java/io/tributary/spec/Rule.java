package io.tributary.spec;

/**
 * A rule across several options of one section. It reports through {@link ConfigValues#report}, which
 * attaches the message to the key it names, so each involved key gets its own file:line:col.
 */
@FunctionalInterface
public interface Rule {
    void check(ConfigValues values);
}
