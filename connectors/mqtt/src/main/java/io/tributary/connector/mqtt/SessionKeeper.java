package io.tributary.connector.mqtt;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one MQTT connection and its subscription alive, working on its own thread, never on Paho's callback thread.
 *
 * <p>Why not Paho's automatic reconnect, as Camel 4.17 uses it: Camel re-subscribes inside
 * {@code connectComplete}, which runs on Paho's callback thread, and waits there for the SUBACK. When the broker
 * resumes a persistent session it first pushes the queued messages; once Paho's small inbound queue is full its
 * receiver thread waits for the callback thread, so the SUBACK is never read and the consumer hangs for good.
 *
 * <p>It also reconnects after a failed exchange ("bounce"): MQTT redelivers an unacknowledged message only when
 * the session is resumed on a new connection, so without a bounce a failed message would wait for the next network
 * failure, and the broker's in-flight window would fill with such messages until delivery stops.
 */
final class SessionKeeper {

    /** The blocking operations on one Paho client. */
    interface Session {
        boolean isConnected();

        void connect() throws Exception;

        void subscribe() throws Exception;

        void disconnect() throws Exception;

        /** Client id and broker url, for logs; never a credential. */
        String describe();
    }

    private static final Logger LOG = LoggerFactory.getLogger(SessionKeeper.class);
    private static final long FIRST_DELAY_MS = 1_000;
    private static final long MAX_DELAY_MS = 30_000;
    private static final int MAX_DOUBLINGS = 5;

    private final Session session;
    private final ScheduledExecutorService executor;
    private final long firstDelayMs;
    private final long maxDelayMs;
    // at most one reconnect is scheduled or running at any time
    private final AtomicBoolean pending = new AtomicBoolean();
    private final AtomicInteger failedExchanges = new AtomicInteger();
    // set by a failure that arrives while a reconnect is already under way, so that it is not lost
    private volatile boolean bounceWanted;
    private volatile boolean stopped;
    private int attempts;

    SessionKeeper(Session session, ScheduledExecutorService executor) {
        this(session, executor, FIRST_DELAY_MS, MAX_DELAY_MS);
    }

    /** Delays double from {@code firstDelayMs} up to {@code maxDelayMs} with each consecutive failure. */
    SessionKeeper(Session session, ScheduledExecutorService executor, long firstDelayMs, long maxDelayMs) {
        this.session = session;
        this.executor = executor;
        this.firstDelayMs = firstDelayMs;
        this.maxDelayMs = maxDelayMs;
    }

    void connectionLost(Throwable cause) {
        LOG.warn("MQTT connection of {} lost ({}); reconnecting", session.describe(),
                cause == null ? "no reason given" : cause.toString());
        schedule(false, firstDelayMs);
    }

    /** A QoS 1 message was not acknowledged; reconnect after a growing delay so the broker redelivers it. */
    void exchangeFailed() {
        int failures = failedExchanges.incrementAndGet();
        bounceWanted = true;
        schedule(true, delay(failures));
    }

    /** Messages were held back unacknowledged while suspended; reconnect soon so the broker sends them again. */
    void redeliverHeldBack() {
        bounceWanted = true;
        schedule(true, firstDelayMs);
    }

    void exchangeCompleted() {
        failedExchanges.set(0);
    }

    void stop() {
        stopped = true;
    }

    private void schedule(boolean bounce, long delayMs) {
        if (stopped || !pending.compareAndSet(false, true)) {
            return;
        }
        executor.schedule(() -> run(bounce), delayMs, TimeUnit.MILLISECONDS);
    }

    private void run(boolean bounce) {
        if (stopped) {
            return;
        }
        try {
            if (bounce) {
                bounceWanted = false;
            }
            if (bounce && session.isConnected()) {
                LOG.info("Reconnecting {} so that the broker redelivers the messages whose exchange failed",
                        session.describe());
                session.disconnect();
            }
            if (!session.isConnected()) {
                session.connect();
            }
            session.subscribe();
            LOG.info("MQTT session of {} resumed and subscribed", session.describe());
            attempts = 0;
            pending.set(false);
            // a loss or a failed exchange during this run was ignored while pending; do not miss it
            if (!session.isConnected()) {
                connectionLost(null);
            } else if (bounceWanted) {
                schedule(true, delay(Math.max(1, failedExchanges.get())));
            }
        } catch (Exception e) {
            if (stopped) {
                return;
            }
            attempts++;
            long delay = delay(attempts);
            LOG.warn("Reconnecting {} failed (attempt {}): {}; next attempt in {}", session.describe(), attempts,
                    e.toString(), Duration.ofMillis(delay));
            executor.schedule(() -> run(false), delay, TimeUnit.MILLISECONDS);
        }
    }

    private long delay(int attempt) {
        long delay = firstDelayMs << Math.min(attempt - 1, MAX_DOUBLINGS);
        return Math.min(delay, maxDelayMs);
    }
}
