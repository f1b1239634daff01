package io.tributary.testkit.eventhubs;

import io.tributary.testkit.Ports;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.qpid.proton.Proton;
import org.apache.qpid.proton.engine.BaseHandler;
import org.apache.qpid.proton.engine.Event;
import org.apache.qpid.proton.reactor.Acceptor;
import org.apache.qpid.proton.reactor.Reactor;
import org.apache.qpid.proton.reactor.ReactorChild;
import org.apache.qpid.proton.reactor.ReactorOptions;
import org.apache.qpid.proton.reactor.Selectable;

/**
 * A TEST SERVER, not an emulator: a wire-level AMQP 1.0 stand-in for the Event Hubs-compatible built-in endpoint of an
 * Azure IoT Hub, written on Qpid Proton-J's reactor because no Event Hubs emulator can run here (Microsoft's is
 * Docker-only). It speaks exactly what the Event Hubs SDK's EventProcessorClient needs and nothing more:
 * <ul>
 *   <li>SASL ANONYMOUS (PLAIN and MSSBCBS are accepted too), plain AMQP on a loopback port: clients use
 *       {@link #connectionString()}, whose {@code UseDevelopmentEmulator=true} makes the SDK skip TLS and honour the
 *       port;</li>
 *   <li>{@code $cbs} put-token, answered 200 for any token;</li>
 *   <li>{@code $management} READ of {@code com.microsoft:eventhub} (name, created_at, partition_ids) and
 *       {@code com.microsoft:partition} (sequence numbers, last offset and time, is_partition_empty);</li>
 *   <li>receive links {@code <hub>/ConsumerGroups/<group>/Partitions/<id>} that start where their selector filter
 *       says ({@link StartFilter}), deliver as far as their link credit allows, and are taken over by a receiver
 *       with a higher epoch;</li>
 *   <li>messages shaped as IoT Hub's built-in endpoint delivers them ({@link AmqpMessages#iotHubEvent}).</li>
 * </ul>
 * Events live in memory for the server's lifetime, across {@link #stop()} and {@link #restart()}. Any consumer group
 * name is accepted. Known differences from the real service are listed in the test kit's README section.
 */
public final class EventHubsTestServer implements AutoCloseable {

    private static final int TICK_MILLIS = 5;
    private static final long START_TIMEOUT_SECONDS = 10;

    private final String hub;
    private final int port;
    private final Map<String, PartitionLog> partitions;
    private final Date createdAt = new Date();
    private final AtomicLong published = new AtomicLong();
    private Thread reactorThread;
    private volatile boolean stopping;
    /** Set on the reactor thread once the connections were closed after {@link #stop()}. */
    private volatile boolean exited;
    private static final int CLOSING_TICKS = 20;

    private EventHubsTestServer(String hub, int partitionCount, int port) {
        this.hub = hub;
        this.port = port;
        Map<String, PartitionLog> logs = new LinkedHashMap<>();
        for (int i = 0; i < partitionCount; i++) {
            logs.put(Integer.toString(i), new PartitionLog(Integer.toString(i)));
        }
        this.partitions = Collections.unmodifiableMap(logs);
    }

    /** Starts a server for one event hub with {@code partitions} partitions (ids 0..n-1) on a free loopback port. */
    public static EventHubsTestServer start(String hub, int partitions) {
        EventHubsTestServer server = new EventHubsTestServer(hub, partitions, Ports.freeLoopbackPort());
        server.startReactor();
        return server;
    }

    /** What a client needs: the built-in endpoint's connection string, pointing here, with the hub as EntityPath. */
    public String connectionString() {
        return "Endpoint=sb://" + Ports.LOOPBACK + ":" + port + ";SharedAccessKeyName=test;SharedAccessKey="
                + "dGVzdC1rZXk=;EntityPath=" + hub + ";UseDevelopmentEmulator=true";
    }

    public String hub() {
        return hub;
    }

    public int port() {
        return port;
    }

    public List<String> partitionIds() {
        return List.copyOf(partitions.keySet());
    }

    /** The partition a device's messages go to: a stable hash of the device id, as IoT Hub keeps a device on one. */
    public String partitionOf(String deviceId) {
        return Integer.toString(Math.floorMod(deviceId.hashCode(), partitions.size()));
    }

    /** Enqueues a message into its device's partition; receivers with credit get it within a few milliseconds. */
    public void publish(IotHubMessage message) {
        publish(partitionOf(message.deviceId()), message);
    }

    public void publish(String partition, IotHubMessage message) {
        PartitionLog log = partitions.get(partition);
        if (log == null) {
            throw new IllegalArgumentException("no partition " + partition + " in " + partitionIds());
        }
        log.append((id, sequence, offset) -> AmqpMessages.iotHubEvent(message, sequence, offset, new Date()));
        published.incrementAndGet();
    }

    public long published() {
        return published.get();
    }

    public int size(String partition) {
        return partitions.get(partition).size();
    }

    /** Drops every connection and stops listening, as an outage would; the events stay. */
    public synchronized void stop() {
        if (reactorThread == null) {
            return;
        }
        stopping = true;
        try {
            reactorThread.join(TimeUnit.SECONDS.toMillis(START_TIMEOUT_SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (reactorThread.isAlive()) {
            throw new IllegalStateException("the Event Hubs test server's reactor did not stop");
        }
        reactorThread = null;
    }

    /** Stops, then listens again on the same port with the same events; clients reconnect by themselves. */
    public synchronized void restart() {
        stop();
        startReactor();
    }

    @Override
    public void close() {
        stop();
    }

    private synchronized void startReactor() {
        stopping = false;
        CountDownLatch listening = new CountDownLatch(1);
        AmqpServerHandler amqp = new AmqpServerHandler(hub, partitions, createdAt);
        ReactorOptions options = new ReactorOptions();
        // SASL is set up per connection by the handler, with more mechanisms than the reactor's ANONYMOUS-only default
        options.setEnableSaslByDefault(false);
        Reactor reactor;
        try {
            reactor = Proton.reactor(options, new Root(amqp, listening));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the Event Hubs test server's reactor", e);
        }
        Thread thread = new Thread(() -> run(reactor), "eventhubs-test-server-" + port);
        thread.setDaemon(true);
        thread.start();
        reactorThread = thread;
        try {
            if (!listening.await(START_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the Event Hubs test server did not listen on port " + port);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the Event Hubs test server", e);
        }
    }

    /**
     * Runs the reactor until {@link #stop()}: then the last ticks close the acceptor and every connection, and any
     * socket still open is closed here, so clients see the server go as they would see an outage.
     */
    private void run(Reactor reactor) {
        reactor.setTimeout(TICK_MILLIS);
        reactor.start();
        try {
            while (!exited && reactor.process()) {
                // one batch of events per turn; the Root handler's ticks pump links and watch for stop()
            }
        } finally {
            for (ReactorChild child : List.copyOf(reactor.children())) {
                if (child instanceof Selectable selectable && selectable.getChannel() != null) {
                    try {
                        selectable.getChannel().close();
                    } catch (IOException e) {
                        // closing anyway
                    }
                }
            }
            reactor.free();
            exited = false;
        }
    }

    /** Opens the acceptor, then ticks: pumps partition links, and on stop closes everything so the reactor ends. */
    private final class Root extends BaseHandler {
        private final AmqpServerHandler amqp;
        private final CountDownLatch listening;
        private Acceptor acceptor;

        Root(AmqpServerHandler amqp, CountDownLatch listening) {
            this.amqp = amqp;
            this.listening = listening;
        }

        @Override
        public void onReactorInit(Event event) {
            try {
                acceptor = event.getReactor().acceptor(Ports.LOOPBACK, port, amqp);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot listen on " + Ports.LOOPBACK + ":" + port, e);
            }
            listening.countDown();
            event.getReactor().schedule(TICK_MILLIS, this);
        }

        private int closingTicks;

        @Override
        public void onTimerTask(Event event) {
            if (stopping) {
                if (closingTicks++ == 0) {
                    acceptor.close();
                    amqp.dropAll();
                } else if (closingTicks > CLOSING_TICKS) {
                    // the close frames had a few ticks to go out; the run loop closes what is left
                    exited = true;
                    return;
                }
                event.getReactor().schedule(TICK_MILLIS, this);
                return;
            }
            amqp.pump();
            event.getReactor().schedule(TICK_MILLIS, this);
        }
    }
}
