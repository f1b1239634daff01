package io.tributary.testkit;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/**
 * Publishes test messages over MQTT 5 (Paho, in-memory persistence, clean start). Batches keep
 * as many messages in flight as the broker allows and wait, bounded, until every one completed:
 * acknowledged by the broker at QoS 1 and 2, written to the socket at QoS 0.
 *
 * <pre>{@code
 * try (MqttPublisher publisher = MqttPublisher.connect(mosquitto.url())) {
 *     publisher.publish(1_000, 1, i -> "fleet/dev-" + (i % 10) + "/telemetry",
 *             i -> ("{\"seq\":" + i + "}").getBytes(UTF_8), Duration.ofSeconds(30));
 * }
 * }</pre>
 */
public final class MqttPublisher implements AutoCloseable {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration SINGLE_TIMEOUT = Duration.ofSeconds(10);
    private static final int MAX_IN_FLIGHT = 1_000;

    private final MqttAsyncClient client;
    private final int window;

    private MqttPublisher(MqttAsyncClient client, int window) {
        this.client = client;
        this.window = window;
    }

    public static MqttPublisher connect(String url) {
        return connect(url, "testkit-pub-" + UUID.randomUUID().toString().substring(0, 8));
    }

    public static MqttPublisher connect(String url, String clientId) {
        MqttAsyncClient client = null;
        try {
            client = new MqttAsyncClient(url, clientId, new MemoryPersistence());
            MqttConnectionOptions options = new MqttConnectionOptions();
            options.setCleanStart(true);
            options.setConnectionTimeout((int) CONNECT_TIMEOUT.toSeconds());
            IMqttToken token = client.connect(options);
            token.waitForCompletion(CONNECT_TIMEOUT.toMillis());
            if (!client.isConnected()) {
                throw new IllegalStateException("Not connected to " + url + " within " + CONNECT_TIMEOUT.toSeconds() + " s");
            }
            // Paho refuses, rather than queues, a publish beyond the broker's receive maximum
            MqttProperties connack = token.getResponseProperties();
            Integer receiveMaximum = connack == null ? null : connack.getReceiveMaximum();
            int window = receiveMaximum == null ? MAX_IN_FLIGHT : Math.min(MAX_IN_FLIGHT, receiveMaximum);
            return new MqttPublisher(client, Math.max(1, window));
        } catch (MqttException e) {
            closeQuietly(client);
            throw new IllegalStateException("Cannot connect to " + url + " as " + clientId + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(client);
            throw e;
        }
    }

    /** Publishes one message and waits until it completed. */
    public void publish(String topic, byte[] payload, int qos) {
        publish(1, qos, i -> topic, i -> payload, SINGLE_TIMEOUT);
    }

    public void publish(String topic, String payload, int qos) {
        publish(topic, payload.getBytes(StandardCharsets.UTF_8), qos);
    }

    /**
     * Publishes {@code count} messages, message {@code i} to {@code topic.apply(i)} with
     * {@code payload.apply(i)}, and waits until all completed.
     *
     * @throws IllegalStateException naming how many completed when one failed or time ran out
     */
    public void publish(int count, int qos, IntFunction<String> topic, IntFunction<byte[]> payload, Duration timeout) {
        if (qos < 0 || qos > 2) {
            throw new IllegalArgumentException("qos must be 0, 1 or 2, got " + qos);
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        Semaphore inFlight = new Semaphore(window);
        AtomicInteger completed = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        MqttActionListener listener = new MqttActionListener() {
            @Override
            public void onSuccess(IMqttToken token) {
                completed.incrementAndGet();
                inFlight.release();
            }

            @Override
            public void onFailure(IMqttToken token, Throwable exception) {
                failure.compareAndSet(null, exception);
                inFlight.release();
            }
        };
        try {
            for (int i = 0; i < count && failure.get() == null; i++) {
                if (!inFlight.tryAcquire(remainingMillis(deadline), TimeUnit.MILLISECONDS)) {
                    break;
                }
                MqttMessage message = new MqttMessage(payload.apply(i));
                message.setQos(qos);
                client.publish(topic.apply(i), message, null, listener);
            }
            // all permits back means nothing is in flight any more
            if (inFlight.tryAcquire(window, remainingMillis(deadline), TimeUnit.MILLISECONDS)) {
                inFlight.release(window);
            }
        } catch (MqttException e) {
            failure.compareAndSet(null, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted after " + completed.get() + " of " + count + " messages", e);
        }
        if (failure.get() != null || completed.get() < count) {
            throw new IllegalStateException("Published " + completed.get() + " of " + count + " messages at QoS " + qos
                    + (failure.get() == null ? " within " + timeout.toMillis() + " ms" : ": " + failure.get()),
                    failure.get());
        }
    }

    /** Disconnects and releases the client. */
    @Override
    public void close() {
        try {
            if (client.isConnected()) {
                client.disconnect().waitForCompletion(SINGLE_TIMEOUT.toMillis());
            }
        } catch (MqttException e) {
            // closing anyway
        } finally {
            closeQuietly(client);
        }
    }

    private static long remainingMillis(long deadline) {
        return Math.max(0, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
    }

    private static void closeQuietly(MqttAsyncClient client) {
        if (client == null) {
            return;
        }
        try {
            client.close(true);
        } catch (MqttException e) {
            // nothing left to release
        }
    }
}
