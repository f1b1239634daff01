package io.tributary.embedded;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import kafka.server.BrokerServer;
import kafka.testkit.KafkaClusterTestKit;
import kafka.testkit.TestKitNodes;
import org.apache.kafka.common.network.ListenerName;
import org.apache.kafka.common.utils.Exit;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single-node Kafka (KRaft, combined broker and controller) inside this JVM, listening on a
 * random port of 127.0.0.1, with its data in a temporary directory that {@link #close()} deletes.
 *
 * <p>It is the hub's embedded default and the test kit's broker. Topics are never created
 * implicitly: whoever writes to a topic creates it first, as against a production cluster.
 */
public final class EmbeddedKafka implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafka.class);

    /** The test kit names its data directories {@code kafka-<random>} in java.io.tmpdir. */
    private static final String DATA_DIRECTORY_PREFIX = "kafka-";

    /** The client listener's name, as the test kit declares it. */
    private static final String LISTENER = "EXTERNAL";

    /**
     * Broker settings that differ from Kafka's defaults. A single node cannot satisfy the default
     * replication factor of 3 for the internal topics, and a development broker should neither
     * delay the first rebalance nor invent topics from typos.
     */
    static final Map<String, String> BROKER_OVERRIDES = Map.of(
            "listeners", LISTENER + "://" + LoopbackPort.HOST + ":0,CONTROLLER://" + LoopbackPort.HOST + ":0",
            "offsets.topic.replication.factor", "1",
            "offsets.topic.num.partitions", "1",
            "transaction.state.log.replication.factor", "1",
            "transaction.state.log.min.isr", "1",
            "group.initial.rebalance.delay.ms", "0",
            "auto.create.topics.enable", "false",
            // the test kit turns these on by default; the embedded default runs released features only
            "unstable.api.versions.enable", "false",
            "unstable.feature.versions.enable", "false");

    private final KafkaClusterTestKit cluster;
    private final String bootstrapServers;
    private final Path dataDirectory;
    private final AtomicBoolean closed = new AtomicBoolean();

    private EmbeddedKafka(KafkaClusterTestKit cluster) {
        this.cluster = cluster;
        // the test kit names its listeners "localhost"; clients get the address actually bound
        BrokerServer broker = cluster.brokers().values().iterator().next();
        this.bootstrapServers = LoopbackPort.HOST + ":" + broker.boundPort(ListenerName.normalised(LISTENER));
        this.dataDirectory = Path.of(cluster.nodes().baseDirectory());
    }

    /** Formats a fresh data directory, starts the node and waits until the broker serves clients. */
    public static EmbeddedKafka start() throws Exception {
        ServerLogging.quietKafkaServer();
        TempDirectory.sweepStale(DATA_DIRECTORY_PREFIX);
        long startNanos = System.nanoTime();
        // Kafka's test kit creates its folders with a JVM shutdown hook that deletes them. On SIGTERM that hook
        // runs at the same time as the hub's orderly shutdown, deletes the folder under the live broker, and the
        // broker then halts the whole JVM with exit code 1 ("all log dirs have failed"). close() deletes the
        // folder itself once the broker has stopped, and sweepStale() removes what a killed process left.
        Exit.setShutdownHookAdder((name, hook) -> LOG.debug("Not registering Kafka's shutdown hook '{}'", name));
        try {
            return startCluster(startNanos);
        } finally {
            Exit.resetShutdownHookAdder();
        }
    }

    private static EmbeddedKafka startCluster(long startNanos) throws Exception {
        TestKitNodes nodes = new TestKitNodes.Builder()
                .setCombined(true)
                .setNumBrokerNodes(1)
                .setNumControllerNodes(1)
                // the test kit defaults to the latest *testing* metadata version, which a node with
                // unstable features off refuses to apply
                .setBootstrapMetadataVersion(MetadataVersion.latestProduction())
                .build();
        KafkaClusterTestKit.Builder builder = new KafkaClusterTestKit.Builder(nodes);
        BROKER_OVERRIDES.forEach(builder::setConfigProp);
        KafkaClusterTestKit cluster = builder.build();
        try {
            TempDirectory.markOwned(Path.of(cluster.nodes().baseDirectory()));
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
        } catch (Exception | Error e) {
            closeQuietly(cluster);
            throw e;
        }
        EmbeddedKafka kafka = new EmbeddedKafka(cluster);
        LOG.info("Embedded Kafka ready at {} in {} ms (data in {})", kafka.bootstrapServers,
                Duration.ofNanos(System.nanoTime() - startNanos).toMillis(), kafka.dataDirectory);
        return kafka;
    }

    /** The {@code bootstrap.servers} value for clients, e.g. {@code 127.0.0.1:40123}. */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** The temporary directory holding the node's logs and metadata; gone after {@link #close()}. */
    public Path dataDirectory() {
        return dataDirectory;
    }

    /** Stops the node and deletes its data directory. Calling it again does nothing. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            closeQuietly(cluster);
            // the test kit deletes the directory itself; make sure even if its shutdown failed half-way
            TempDirectory.deleteQuietly(dataDirectory);
            LOG.info("Embedded Kafka at {} stopped", bootstrapServers);
        }
    }

    private static void closeQuietly(KafkaClusterTestKit cluster) {
        try {
            cluster.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.warn("Interrupted while stopping embedded Kafka", e);
        } catch (Exception e) {
            LOG.warn("Embedded Kafka did not stop cleanly", e);
        }
    }
}
