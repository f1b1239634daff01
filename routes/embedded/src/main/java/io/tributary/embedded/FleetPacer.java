package io.tributary.embedded;

import java.time.Duration;

/**
 * How many messages a fleet publishing at a steady rate owes at a given moment. The simulator
 * wakes up on a timer and publishes what is due, so the rate holds however coarse the timer is.
 */
final class FleetPacer {

    static final Duration MIN_TICK = Duration.ofMillis(1);
    static final Duration MAX_TICK = Duration.ofMillis(100);

    private final double messagesPerSecond;
    private final long maxMessages;

    /** {@code maxMessages} of 0 means no limit. */
    FleetPacer(double messagesPerSecond, long maxMessages) {
        if (!(messagesPerSecond > 0) || Double.isInfinite(messagesPerSecond)) {
            throw new IllegalArgumentException("messagesPerSecond must be a positive finite number, got "
                    + messagesPerSecond);
        }
        if (maxMessages < 0) {
            throw new IllegalArgumentException("maxMessages must be 0 (no limit) or positive, got " + maxMessages);
        }
        this.messagesPerSecond = messagesPerSecond;
        this.maxMessages = maxMessages;
    }

    /** The timer period: one message's worth of time, kept between 1 ms and 100 ms. */
    Duration tick() {
        long nanosPerMessage = (long) Math.min(Long.MAX_VALUE, 1e9 / messagesPerSecond);
        long nanos = Math.max(MIN_TICK.toNanos(), Math.min(MAX_TICK.toNanos(), nanosPerMessage));
        return Duration.ofNanos(nanos);
    }

    /** Messages due in total once {@code elapsed} has passed since the start; the first is due at once. */
    long dueAt(Duration elapsed) {
        double seconds = Math.max(0, elapsed.toNanos()) / 1e9;
        long due = 1 + (long) Math.min(Long.MAX_VALUE - 1, Math.floor(seconds * messagesPerSecond));
        return maxMessages == 0 ? due : Math.min(due, maxMessages);
    }

    /** Whether {@code issued} messages complete the run. */
    boolean isComplete(long issued) {
        return maxMessages != 0 && issued >= maxMessages;
    }
}
