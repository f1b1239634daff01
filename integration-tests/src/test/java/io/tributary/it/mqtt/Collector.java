package io.tributary.it.mqtt;

import io.tributary.connector.MessageMetadata;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/** The end of a test route: records every delivery with its metadata, and fails the ones it is told to. */
final class Collector implements Processor {

    record Received(String payload, MessageMetadata metadata, boolean failed) {
        String header(String name) {
            return metadata.headers().get(name);
        }
    }

    private final Queue<Received> received = new ConcurrentLinkedQueue<>();
    private volatile Predicate<Received> fail = r -> false;

    /** Exchanges whose delivery matches fail with an exception, so Camel must not acknowledge them. */
    void failWhen(Predicate<Received> condition) {
        this.fail = condition;
    }

    @Override
    public void process(Exchange exchange) {
        MessageMetadata metadata = MqttSources.CONNECTOR.metadata(exchange);
        String payload = new String(exchange.getIn().getBody(byte[].class), StandardCharsets.UTF_8);
        Received candidate = new Received(payload, metadata, false);
        boolean failing = fail.test(candidate);
        received.add(failing ? new Received(payload, metadata, true) : candidate);
        if (failing) {
            throw new IllegalStateException("test route refuses '" + payload + "'");
        }
    }

    List<Received> all() {
        return List.copyOf(received);
    }

    List<Received> deliveriesOf(String payload) {
        return received.stream().filter(r -> r.payload().equals(payload)).toList();
    }

    /** Payloads whose exchange completed successfully. */
    Set<String> completed() {
        Set<String> done = new HashSet<>();
        received.stream().filter(r -> !r.failed()).forEach(r -> done.add(r.payload()));
        return done;
    }

    void awaitCompleted(Collection<String> expected, Duration timeout) throws InterruptedException {
        await(() -> completed().containsAll(expected), timeout, () -> {
            Set<String> missing = new HashSet<>(expected);
            missing.removeAll(completed());
            return missing.size() + " of " + expected.size() + " messages missing, e.g. "
                    + missing.stream().sorted().limit(5).toList();
        });
    }

    static void await(Supplier<Boolean> condition, Duration timeout, Supplier<String> failure)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.get()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("gave up after " + timeout + ": " + failure.get());
            }
            Thread.sleep(50);
        }
    }
}
