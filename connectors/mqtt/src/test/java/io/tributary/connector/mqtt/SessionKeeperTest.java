package io.tributary.connector.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SessionKeeperTest {

    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
    private final FakeSession session = new FakeSession();
    private final SessionKeeper keeper = new SessionKeeper(session, executor, 10, 40);

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    @Test
    void reconnectsAndResubscribesAfterALostConnectionRetryingWhileTheBrokerIsDown() throws Exception {
        session.connected = false;
        session.refuseConnects.set(3);

        keeper.connectionLost(new RuntimeException("broker gone"));

        await(() -> session.calls.contains("subscribe"));
        assertThat(session.calls).containsExactly("connect", "connect", "connect", "connect", "subscribe");
    }

    @Test
    void bouncesTheConnectionAfterAFailedExchangeSoTheBrokerRedelivers() throws Exception {
        keeper.exchangeFailed();

        await(() -> session.calls.contains("subscribe"));
        assertThat(session.calls).containsExactly("disconnect", "connect", "subscribe");
    }

    @Test
    void doesNotLoseAFailureThatArrivesWhileABounceIsUnderWay() throws Exception {
        CountDownLatch inSubscribe = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        session.onFirstSubscribe = () -> {
            inSubscribe.countDown();
            release.await(5, TimeUnit.SECONDS);
        };
        keeper.exchangeFailed();
        assertThat(inSubscribe.await(5, TimeUnit.SECONDS)).isTrue();

        // the redelivered message fails again before the first bounce has finished
        keeper.exchangeFailed();
        release.countDown();

        await(() -> session.calls.stream().filter("subscribe"::equals).count() == 2);
        assertThat(session.calls).containsExactly("disconnect", "connect", "subscribe", "disconnect", "connect",
                "subscribe");
    }

    @Test
    void aSuccessfulExchangeResetsTheBackoffAndStopEndsEverything() throws Exception {
        keeper.exchangeFailed();
        await(() -> session.calls.contains("subscribe"));
        keeper.exchangeCompleted();
        keeper.stop();
        session.calls.clear();

        keeper.exchangeFailed();
        keeper.connectionLost(null);
        Thread.sleep(100);

        assertThat(session.calls).isEmpty();
    }

    private static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition not met in time").isLessThan(deadline);
            Thread.sleep(5);
        }
    }

    private static final class FakeSession implements SessionKeeper.Session {
        final List<String> calls = new CopyOnWriteArrayList<>();
        final AtomicInteger refuseConnects = new AtomicInteger();
        volatile boolean connected = true;
        volatile Blocking onFirstSubscribe;

        interface Blocking {
            void run() throws InterruptedException;
        }

        @Override
        public boolean isConnected() {
            return connected;
        }

        @Override
        public void connect() {
            calls.add("connect");
            if (refuseConnects.getAndDecrement() > 0) {
                throw new IllegalStateException("connection refused");
            }
            connected = true;
        }

        @Override
        public void subscribe() throws InterruptedException {
            calls.add("subscribe");
            Blocking hook = onFirstSubscribe;
            onFirstSubscribe = null;
            if (hook != null) {
                hook.run();
            }
        }

        @Override
        public void disconnect() {
            calls.add("disconnect");
            connected = false;
        }

        @Override
        public String describe() {
            return "fake";
        }
    }
}
