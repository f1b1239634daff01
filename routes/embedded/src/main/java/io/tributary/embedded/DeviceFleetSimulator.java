package io.tributary.embedded;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A fleet of devices publishing JSON telemetry over MQTT 5, for demos of the embedded default and
 * for load in tests. Devices {@code dev-000}, {@code dev-001}, ... take turns, so the fleet as a
 * whole publishes {@code messagesPerSecond}, each device on its own topic and with its own
 * sequence starting at 0:
 *
 * <pre>{"deviceId":"dev-007","seq":123,"ts":"2026-11-21T08:00:00.123Z","temp":21.53,"humidity":40.2,"battery":3.91}</pre>
 *
 * <p>One MQTT connection carries the whole fleet. {@link #published()} counts the messages the
 * broker acknowledged (QoS 1 and 2) or that were written to the socket (QoS 0).
 */
public final class DeviceFleetSimulator implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DeviceFleetSimulator.class);

    static final String DEVICE_PLACEHOLDER = "{device}";
    /** Publishes the fleet may have unacknowledged at once; the broker's receive maximum may lower it. */
    static final int MAX_IN_FLIGHT = 1_000;
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(10);
    /** How long a publish waits for room in the in-flight window before it rechecks for close(). */
    private static final Duration WINDOW_WAIT = Duration.ofMillis(100);
    private static final long SESSION_EXPIRY_SECONDS = 300;

    private final String mqttUrl;
    private final String topicPattern;
    private final int qos;
    private final double messagesPerSecond;
    private final FleetPacer pacer;
    private final List<DeviceTelemetry> devices;
    private final Clock clock = Clock.systemUTC();
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();

    // set by start(), read by the scheduler thread and close()
    private volatile MqttAsyncClient client;
    private volatile ScheduledExecutorService scheduler;
    private volatile Semaphore window;
    private volatile int windowSize;
    // touched by the scheduler thread only
    private long issued;
    private long startNanos;

    /** A fleet that publishes until closed. */
    public DeviceFleetSimulator(String mqttUrl, String topicPattern, int devices, double messagesPerSecond, int qos) {
        this(mqttUrl, topicPattern, devices, messagesPerSecond, qos, 0);
    }

    /**
     * A fleet that stops on its own after {@code maxMessages} messages (0 means never).
     *
     * @param topicPattern the topic each device publishes to; {@code {device}} is replaced by its id
     */
    public DeviceFleetSimulator(String mqttUrl, String topicPattern, int devices, double messagesPerSecond, int qos,
            long maxMessages) {
        this.mqttUrl = requireText(mqttUrl, "mqttUrl");
        this.topicPattern = validTopicPattern(topicPattern);
        if (devices < 1) {
            throw new IllegalArgumentException("devices must be at least 1, got " + devices);
        }
        if (qos < 0 || qos > 2) {
            throw new IllegalArgumentException("qos must be 0, 1 or 2, got " + qos);
        }
        this.qos = qos;
        this.pacer = new FleetPacer(messagesPerSecond, maxMessages);
        this.messagesPerSecond = messagesPerSecond;
        SplittableRandom seeds = new SplittableRandom();
        List<DeviceTelemetry> fleet = new ArrayList<>(devices);
        for (int i = 0; i < devices; i++) {
            fleet.add(new DeviceTelemetry(DeviceTelemetry.deviceId(i), seeds.split()));
        }
        this.devices = List.copyOf(fleet);
    }

    /**
     * Connects to the broker and starts publishing in the background.
     *
     * @throws IllegalStateException if the broker cannot be reached, or on a second call
     */
    public synchronized void start() {
        if (closed.get()) {
            throw new IllegalStateException("The simulator is closed");
        }
        if (!started.compareAndSet(false, true)) {
            throw new IllegalStateException("The simulator is already started");
        }
        Connection connection = connect();
        windowSize = Math.min(MAX_IN_FLIGHT, connection.brokerReceiveMaximum());
        window = new Semaphore(windowSize);
        client = connection.client();
        scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "tributary-fleet-simulator");
            thread.setDaemon(true);
            return thread;
        });
        startNanos = System.nanoTime();
        long tickNanos = pacer.tick().toNanos();
        // fixed delay: a tick slowed down by a full in-flight window is not followed by a burst of ticks
        scheduler.scheduleWithFixedDelay(this::publishDue, 0, tickNanos, TimeUnit.NANOSECONDS);
        LOG.info("Device fleet of {} publishing {} msg/s at QoS {} to {} on {}", devices.size(),
                String.format(Locale.ROOT, "%.1f", messagesPerSecond), qos, topicPattern, mqttUrl);
    }

    /** Messages the broker has acknowledged (QoS 1, 2) or that were sent (QoS 0). */
    public long published() {
        return published.get();
    }

    /** Messages that could not be handed to the broker, for example while the connection was down. */
    public long failed() {
        return failed.get();
    }

    /**
     * Waits until at least {@code count} messages are published, polling every 10 ms.
     *
     * @return whether the count was reached before the timeout
     */
    public boolean awaitPublished(long count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (published.get() < count) {
            if (System.nanoTime() - deadline >= 0) {
                return false;
            }
            Thread.sleep(10);
        }
        return true;
    }

    /**
     * Stops publishing, waits (bounded) for the broker to acknowledge what is in flight, ends the
     * MQTT session and disconnects. Calling it again does nothing.
     */
    @Override
    public synchronized void close() {
        // synchronized with start(): a close during the connect must still find what start() built
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        ScheduledExecutorService timer = scheduler;
        if (timer != null) {
            timer.shutdown();
            awaitQuietly(timer);
        }
        MqttAsyncClient mqtt = client;
        if (mqtt != null) {
            // without a connection nothing in flight can complete; waiting would only delay the close
            if (mqtt.isConnected()) {
                drainInFlight();
            }
            disconnectQuietly(mqtt);
        }
        LOG.info("Device fleet stopped after {} published, {} failed", published.get(), failed.get());
    }

    private void publishDue() {
        try {
            long due = pacer.dueAt(Duration.ofNanos(System.nanoTime() - startNanos));
            while (issued < due && !closed.get()) {
                if (!window.tryAcquire(WINDOW_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                    continue;
                }
                DeviceTelemetry device = devices.get((int) (issued % devices.size()));
                issued++;
                publish(device);
            }
            if (pacer.isComplete(issued)) {
                scheduler.shutdown();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // an exception would silently cancel the periodic task; log it and keep going
            LOG.warn("Device fleet tick failed", e);
        }
    }

    private void publish(DeviceTelemetry device) {
        String topic = topicPattern.replace(DEVICE_PLACEHOLDER, device.deviceId());
        byte[] payload = device.nextPayload(clock.instant()).getBytes(StandardCharsets.UTF_8);
        MqttMessage message = new MqttMessage(payload);
        message.setQos(qos);
        try {
            client.publish(topic, message, null, new MqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    published.incrementAndGet();
                    window.release();
                }

                @Override
                public void onFailure(IMqttToken token, Throwable exception) {
                    countFailure(topic, exception);
                    window.release();
                }
            });
        } catch (MqttException | RuntimeException e) {
            countFailure(topic, e);
            window.release();
        }
    }

    private void countFailure(String topic, Throwable cause) {
        long failures = failed.incrementAndGet();
        // one line per 1,000 failures: a broker outage must not flood the log
        if (failures % 1_000 == 1) {
            LOG.warn("Device fleet could not publish to {} ({} failures so far): {}", topic, failures,
                    cause.toString());
        }
    }

    private record Connection(MqttAsyncClient client, int brokerReceiveMaximum) {
    }

    private Connection connect() {
        String clientId = "tributary-fleet-" + UUID.randomUUID().toString().substring(0, 8);
        MqttAsyncClient mqtt = null;
        try {
            mqtt = new MqttAsyncClient(mqttUrl, clientId, new MemoryPersistence());
            MqttConnectionOptions options = new MqttConnectionOptions();
            // a session that outlives short outages, so that unacknowledged QoS 1/2 messages are resent
            options.setCleanStart(false);
            options.setSessionExpiryInterval(SESSION_EXPIRY_SECONDS);
            options.setAutomaticReconnect(true);
            options.setConnectionTimeout((int) CONNECT_TIMEOUT.toSeconds());
            options.setKeepAliveInterval(30);
            IMqttToken token = mqtt.connect(options);
            token.waitForCompletion(CONNECT_TIMEOUT.toMillis() + 1_000);
            if (!mqtt.isConnected()) {
                throw new IllegalStateException("Device fleet could not connect to " + mqttUrl + " within "
                        + CONNECT_TIMEOUT.toSeconds() + " s");
            }
            return new Connection(mqtt, receiveMaximum(token));
        } catch (MqttException e) {
            closeQuietly(mqtt);
            throw new IllegalStateException("Device fleet could not connect to " + mqttUrl + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(mqtt);
            throw e;
        }
    }

    /**
     * The broker's receive maximum from its CONNACK (65,535 when it sends none). Paho refuses a
     * publish beyond it instead of waiting for room, so the fleet never has more in flight.
     */
    private static int receiveMaximum(IMqttToken connected) {
        MqttProperties properties = connected.getResponseProperties();
        Integer receiveMaximum = properties == null ? null : properties.getReceiveMaximum();
        return receiveMaximum == null || receiveMaximum < 1 ? 65_535 : receiveMaximum;
    }

    private void drainInFlight() {
        Semaphore inFlight = window;
        if (inFlight == null) {
            return;
        }
        try {
            if (!inFlight.tryAcquire(windowSize, DRAIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("Device fleet closed with {} messages still unacknowledged",
                        windowSize - inFlight.availablePermits());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void disconnectQuietly(MqttAsyncClient mqtt) {
        try {
            if (mqtt.isConnected()) {
                // ending the session: the broker need not keep state for a fleet that is gone
                MqttProperties properties = new MqttProperties();
                properties.setSessionExpiryInterval(0L);
                mqtt.disconnect(1_000, null, null, 0, properties).waitForCompletion(5_000);
            }
        } catch (MqttException e) {
            LOG.debug("Device fleet disconnect reported", e);
        } finally {
            closeQuietly(mqtt);
        }
    }

    private static void closeQuietly(MqttAsyncClient mqtt) {
        if (mqtt == null) {
            return;
        }
        try {
            mqtt.close(true);
        } catch (MqttException e) {
            LOG.debug("Device fleet client close reported", e);
        }
    }

    private static void awaitQuietly(ScheduledExecutorService timer) {
        try {
            if (!timer.awaitTermination(WINDOW_WAIT.toMillis() * 5, TimeUnit.MILLISECONDS)) {
                timer.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            timer.shutdownNow();
        }
    }

    private static String requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be empty");
        }
        return value;
    }

    static String validTopicPattern(String topicPattern) {
        requireText(topicPattern, "topicPattern");
        if (topicPattern.contains("+") || topicPattern.contains("#")) {
            throw new IllegalArgumentException("topicPattern '" + topicPattern
                    + "' contains an MQTT wildcard (+ or #); devices publish to concrete topics such as "
                    + "'fleet/" + DEVICE_PLACEHOLDER + "/telemetry'");
        }
        return topicPattern;
    }
}
