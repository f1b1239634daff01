package io.tributary.it.e2e;

import java.time.Duration;
import java.util.function.LongSupplier;

/** Bounded waiting for a count to reach a target. */
final class Await {

    private Await() {
    }

    /** Polls until {@code value} reaches {@code target}; returns the last value seen (which may fall short). */
    static long atLeast(long target, Duration timeout, LongSupplier value) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long seen = value.getAsLong();
        while (seen < target && System.nanoTime() < deadline) {
            Thread.sleep(250);
            seen = value.getAsLong();
        }
        return seen;
    }
}
