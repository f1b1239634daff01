package io.tributary.spec;

/** A rule on one option's value: returns what is wrong, or null when the value is fine. */
@FunctionalInterface
public interface Check<T> {
    String problem(T value);
}
