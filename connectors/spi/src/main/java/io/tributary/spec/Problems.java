package io.tributary.spec;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Collects every problem found, so a user sees all of them in one run rather than one per run. */
public final class Problems {

    private final List<Problem> list = new ArrayList<>();

    public void add(Location location, String keyPath, String message) {
        list.add(new Problem(location, keyPath, message));
    }

    public void addAll(Problems other) {
        list.addAll(other.list);
    }

    public boolean isEmpty() {
        return list.isEmpty();
    }

    /** Problems sorted by file, then position, as a compiler would print them. */
    public List<Problem> sorted() {
        List<Problem> copy = new ArrayList<>(list);
        copy.sort(Comparator.comparing((Problem p) -> p.location().file())
                .thenComparingInt(p -> p.location().line())
                .thenComparingInt(p -> p.location().column()));
        return copy;
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        for (Problem p : sorted()) {
            out.append(p).append('\n');
        }
        return out.toString();
    }
}
