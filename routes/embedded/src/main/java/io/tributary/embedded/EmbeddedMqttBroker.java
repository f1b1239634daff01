package io.tributary.embedded;

import com.hivemq.configuration.service.InternalConfigurations;
import com.hivemq.embedded.EmbeddedHiveMQ;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An MQTT broker (HiveMQ Community Edition, MQTT 3.1.1 and 5) inside this JVM, listening on
 * 127.0.0.1, keeping sessions and queued messages in memory only. Its configuration, data and
 * extension folders live in one temporary directory that {@link #close()} deletes.
 *
 * <p>HiveMQ takes one to two seconds to start and about two to stop; share one broker per test class.
 */
public final class EmbeddedMqttBroker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedMqttBroker.class);

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);
    private static final String HOME_PREFIX = "tributary-hivemq-";
    /** How often a randomly chosen port is retried when another process took it first. */
    private static final int PORT_ATTEMPTS = 3;
    /**
     * Per-client memory for QoS 0 messages a slow subscriber has not read yet (HiveMQ's default is
     * 5 MiB, above which it drops them). Still capped overall by HiveMQ at a quarter of the heap.
     */
    private static final int QOS_0_MEMORY_PER_CLIENT_BYTES = 64 * 1024 * 1024;

    /** See {@link #tuneInternalLimits()}. */
    private static final int SHUTDOWN_GRACE_PERIOD_MILLIS = 200;
    /** See {@link #tuneInternalLimits()}; measured 1,000 msg/s at HiveMQ's 50, 8,000 at 1,000. */
    private static final int MAX_INFLIGHT_WINDOW_MESSAGES = 1_000;

    private final EmbeddedHiveMQ hiveMq;
    private final int port;
    private final Path home;
    private final AtomicBoolean closed = new AtomicBoolean();

    private EmbeddedMqttBroker(EmbeddedHiveMQ hiveMq, int port, Path home) {
        this.hiveMq = hiveMq;
        this.port = port;
        this.home = home;
    }

    /**
     * Starts a broker on {@code port} of 127.0.0.1, or on a free port when {@code port} is 0, and
     * returns once it accepts connections.
     */
    public static EmbeddedMqttBroker start(int port) throws Exception {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("MQTT port must be 0 (any free port) or 1-65535, got " + port);
        }
        ServerLogging.quietHiveMq();
        TempDirectory.sweepStale(HOME_PREFIX);
        tuneInternalLimits();
        int attempts = port == 0 ? PORT_ATTEMPTS : 1;
        for (int attempt = 1; ; attempt++) {
            int candidate = port == 0 ? LoopbackPort.pickFree() : port;
            try {
                return startOn(candidate);
            } catch (PortTakenException e) {
                if (attempt >= attempts) {
                    throw new IllegalStateException("Embedded MQTT broker cannot bind " + LoopbackPort.HOST
                            + ":" + candidate + ": the port is in use", e.getCause());
                }
                LOG.debug("Port {} was taken before HiveMQ could bind it, trying another", candidate);
            }
        }
    }

    private static EmbeddedMqttBroker startOn(int port) throws Exception {
        long startNanos = System.nanoTime();
        Path home = TempDirectory.create(HOME_PREFIX);
        EmbeddedHiveMQ hiveMq = null;
        try {
            Path config = Files.createDirectories(home.resolve("conf"));
            Path data = Files.createDirectories(home.resolve("data"));
            Path extensions = Files.createDirectories(home.resolve("extensions"));
            Files.writeString(config.resolve("config.xml"), HiveMqConfig.render(port), StandardCharsets.UTF_8);
            hiveMq = EmbeddedHiveMQ.builder()
                    .withConfigurationFolder(config)
                    .withDataFolder(data)
                    .withExtensionsFolder(extensions)
                    // the hub owns the logging configuration; HiveMQ must not replace it
                    .withoutLoggingBootstrap()
                    .build();
            hiveMq.start().get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception | Error e) {
            if (hiveMq != null) {
                // close() also stops whatever part of the broker did start
                closeQuietly(hiveMq);
            }
            TempDirectory.deleteQuietly(home);
            if (isPortTaken(port)) {
                throw new PortTakenException(e);
            }
            throw e;
        }
        EmbeddedMqttBroker broker = new EmbeddedMqttBroker(hiveMq, port, home);
        LOG.info("Embedded MQTT broker ready at {} in {} ms", broker.url(),
                Duration.ofNanos(System.nanoTime() - startNanos).toMillis());
        return broker;
    }

    /** The TCP port the broker listens on. */
    public int port() {
        return port;
    }

    /** The broker's address for MQTT clients, {@code tcp://127.0.0.1:<port>}. */
    public String url() {
        return "tcp://" + LoopbackPort.HOST + ":" + port;
    }

    /** Stops the broker, dropping all sessions, and deletes its folders. Calling it again does nothing. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            stopQuietly(hiveMq);
            TempDirectory.deleteQuietly(home);
            LOG.info("Embedded MQTT broker at {} stopped", url());
        }
    }

    private static void stopQuietly(EmbeddedHiveMQ hiveMq) {
        if (hiveMq == null) {
            return;
        }
        try {
            hiveMq.stop().get(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.warn("Interrupted while stopping the embedded MQTT broker", e);
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            LOG.warn("Embedded MQTT broker did not stop cleanly", e);
        } finally {
            closeQuietly(hiveMq);
        }
    }

    /** Ends HiveMQ's own state-change thread; without it a stopped broker keeps the JVM alive. */
    private static void closeQuietly(EmbeddedHiveMQ hiveMq) {
        try {
            hiveMq.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.warn("Interrupted while closing the embedded MQTT broker", e);
        } catch (ExecutionException | RuntimeException e) {
            LOG.debug("Embedded MQTT broker close after stop reported", e);
        }
    }

    /** HiveMQ CE reads these from static fields, not from config.xml. */
    private static void tuneInternalLimits() {
        // only ever raise it: another broker in this JVM may rely on a higher value
        InternalConfigurations.QOS_0_MEMORY_LIMIT_PER_CLIENT_BYTES.accumulateAndGet(
                QOS_0_MEMORY_PER_CLIENT_BYTES, Math::max);
        // QoS 1/2 messages HiveMQ sends a subscriber before waiting for its acknowledgements: with
        // the default of 50, a Paho subscriber (whose socket leaves Nagle on) receives ~1,000 msg/s
        if (InternalConfigurations.MAX_INFLIGHT_WINDOW_SIZE_MESSAGES < MAX_INFLIGHT_WINDOW_MESSAGES) {
            InternalConfigurations.MAX_INFLIGHT_WINDOW_SIZE_MESSAGES = MAX_INFLIGHT_WINDOW_MESSAGES;
        }
        // the grace period lets pending writes reach the persistence before shutdown; in memory
        // they die with the broker anyway, and the default of 2 s doubles the time a stop takes
        InternalConfigurations.PERSISTENCE_SHUTDOWN_GRACE_PERIOD_MSEC.accumulateAndGet(
                SHUTDOWN_GRACE_PERIOD_MILLIS, Math::min);
    }

    /**
     * HiveMQ reports a listener it cannot bind only as an UnrecoverableException with no cause;
     * the reliable test is whether the port is still taken.
     */
    private static boolean isPortTaken(int port) {
        try (ServerSocket probe = new ServerSocket(port, 1, InetAddress.getByName(LoopbackPort.HOST))) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    /** HiveMQ could not bind the chosen port. */
    private static final class PortTakenException extends Exception {
        PortTakenException(Throwable cause) {
            super(cause);
        }
    }
}
