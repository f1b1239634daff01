package io.tributary.benchmarks;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;

/** Publishes {@link Telemetry} messages at QoS 1 as fast as a bounded window of unacknowledged publishes allows. */
final class MqttLoad implements AutoCloseable {

    private static final Duration DEADLINE = Duration.ofMinutes(5);

    private final MqttAsyncClient client;
    private final int window;

    private MqttLoad(MqttAsyncClient client, int window) {
        this.client = client;
        this.window = window;
    }

    static MqttLoad connect(String url, int window) throws MqttException {
        MqttAsyncClient client = new MqttAsyncClient(url, "bench-publisher-" + UUID.randomUUID(), new MemoryPersistence());
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(true);
        client.connect(options).waitForCompletion(10_000);
        return new MqttLoad(client, window);
    }

    /** Publishes messages {@code from} (inclusive) to {@code to} under {@code root/<device>/telemetry}; returns when all are acknowledged. */
    void publish(String root, Telemetry telemetry, long from, long to) throws Exception {
        Semaphore free = new Semaphore(window);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        MqttActionListener done = new MqttActionListener() {
            @Override
            public void onSuccess(IMqttToken token) {
                free.release();
            }

            @Override
            public void onFailure(IMqttToken token, Throwable e) {
                failure.compareAndSet(null, e);
                free.release();
            }
        };
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        for (long i = from; i < to && failure.get() == null; i++) {
            if (!free.tryAcquire(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                throw new IllegalStateException("publishing stalled: no acknowledgement within " + DEADLINE);
            }
            MqttMessage message = new MqttMessage(telemetry.payload(i), 1, false, null);
            client.publish(root + "/" + telemetry.deviceId(i) + "/telemetry", message, null, done);
        }
        if (!free.tryAcquire(window, Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
            throw new IllegalStateException("publishing stalled: acknowledgements missing after " + DEADLINE);
        }
        if (failure.get() != null) {
            throw new IllegalStateException("publishing failed", failure.get());
        }
    }

    @Override
    public void close() throws MqttException {
        client.disconnect().waitForCompletion(5_000);
        client.close();
    }
}
