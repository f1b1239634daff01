package io.tributary.testkit;

import java.time.Duration;
import java.util.function.LongSupplier;

/** Bounded waiting for a count to reach a target, for tests that watch a lake or a topic fill up. */
public final class Await {

    private static final Duration DEFAULT_POLL = Duration.ofMillis(250);

    private Await() {
    }

    /** Polls until {@code value} reaches {@code target}; returns the last value seen (which may fall short). */
    public static long atLeast(long target, Duration timeout, LongSupplier value) throws InterruptedException {
        return atLeast(target, timeout, DEFAULT_POLL, value);
    }

    /** As {@link #atLeast(long, Duration, LongSupplier)}, polling every {@code poll}: longer when a poll is costly. */
    public static long atLeast(long target, Duration timeout, Duration poll, LongSupplier value)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long seen = value.getAsLong();
        while (seen < target && System.nanoTime() < deadline) {
            Thread.sleep(poll.toMillis());
            seen = value.getAsLong();
        }
        return seen;
    }
}
