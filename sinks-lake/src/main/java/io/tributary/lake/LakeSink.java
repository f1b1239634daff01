package io.tributary.lake;

import io.tributary.lake.commit.DeadLetterPublisher;
import io.tributary.lake.commit.KafkaOffsetCommitter;
import io.tributary.lake.commit.TableCommitter;
import io.tributary.lake.iceberg.IcebergSinks;
import io.tributary.lake.storage.LakeStorage;
import io.tributary.lake.storage.local.LocalStorage;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies one Kafka topic into a Parquet {@link LakeTable} in a {@link LakeStorage} (folder
 * {@code <table name>/} under its root), every record in exactly one visible file, on its own
 * consumer thread in the consumer group {@code tributary-lake-<table name>}. Run several (in one or
 * many processes) to share the topic's partitions.
 */
public final class LakeSink implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LakeSink.class);
    /** How long {@link #close()} waits for the final roll and commit. */
    private static final Duration CLOSE_WAIT = Duration.ofMinutes(2);

    private final LakeTable table;
    private final LakeStorage storage;
    private final boolean ownsStorage;
    private final Map<String, Object> kafkaClientProps;
    private final Optional<String> instanceId;
    private final LakeListener listener;
    private final Object lock = new Object();
    private SinkLoop loop;
    private TableCommitter committer;
    private Thread thread;
    private boolean started;
    private boolean closed;

    /**
     * A sink writing into the local folder {@code lakeRoot}.
     *
     * @param kafkaClientProps connection settings shared by the consumer and the dead-letter
     *                         producer ({@code bootstrap.servers}, {@code security.*}, ...)
     * @param listener         progress callbacks, or null for none
     */
    public LakeSink(LakeTable table, Path lakeRoot, Map<String, Object> kafkaClientProps, LakeListener listener) {
        this(table, new LocalStorage(Objects.requireNonNull(lakeRoot, "lakeRoot")), true, kafkaClientProps,
                Optional.empty(), listener);
    }

    /**
     * A sink writing through {@code storage}, which it uses but does not close: one storage may
     * serve several sinks.
     *
     * @param kafkaClientProps connection settings shared by the consumer and the dead-letter
     *                         producer ({@code bootstrap.servers}, {@code security.*}, ...)
     * @param listener         progress callbacks, or null for none
     */
    public LakeSink(LakeTable table, LakeStorage storage, Map<String, Object> kafkaClientProps, LakeListener listener) {
        this(table, storage, false, kafkaClientProps, Optional.empty(), listener);
    }

    /**
     * A sink writing through {@code storage} whose consumer is a static member of the table's
     * group when {@code instanceId} is present: {@code group.instance.id = <instanceId>-<table name>}.
     * A process restarted with the same id takes its partitions back at once, without waiting for
     * its predecessor's session to expire; the predecessor, if still alive, is fenced. Give every
     * process of a table its own id.
     *
     * @throws IllegalArgumentException when Kafka would refuse the resulting id
     */
    public LakeSink(LakeTable table, LakeStorage storage, Map<String, Object> kafkaClientProps,
                    Optional<String> instanceId, LakeListener listener) {
        this(table, storage, false, kafkaClientProps, instanceId, listener);
    }

    private LakeSink(LakeTable table, LakeStorage storage, boolean ownsStorage, Map<String, Object> kafkaClientProps,
                     Optional<String> instanceId, LakeListener listener) {
        this.table = Objects.requireNonNull(table, "table");
        this.storage = Objects.requireNonNull(storage, "storage");
        this.ownsStorage = ownsStorage;
        this.kafkaClientProps = Map.copyOf(Objects.requireNonNull(kafkaClientProps, "kafkaClientProps"));
        this.instanceId = Objects.requireNonNull(instanceId, "instanceId");
        this.listener = new GuardedListener(listener == null ? LakeListener.NONE : listener);
        // fail on contradicting settings here, not on the consumer thread
        KafkaClientConfig.consumer(table, this.kafkaClientProps, instanceId);
        KafkaClientConfig.deadLetterProducer(table, this.kafkaClientProps);
    }

    /** Starts the consumer thread. May be called once, and not after {@link #close()}. */
    public void start() {
        synchronized (lock) {
            if (closed) {
                throw new IllegalStateException("lake sink '" + table.name() + "' is closed");
            }
            if (started) {
                throw new IllegalStateException("lake sink '" + table.name() + "' is already started");
            }
            Consumer<byte[], byte[]> consumer = new KafkaConsumer<>(
                    KafkaClientConfig.consumer(table, kafkaClientProps, instanceId));
            Producer<byte[], byte[]> producer;
            try {
                producer = new KafkaProducer<>(KafkaClientConfig.deadLetterProducer(table, kafkaClientProps));
            } catch (RuntimeException e) {
                consumer.close();
                throw e;
            }
            DeadLetterPublisher deadLetters = new DeadLetterPublisher(producer, table.deadLetterTopic(), table.name());
            TableCommitter committer;
            try {
                committer = table.format() instanceof TableFormat.Iceberg iceberg
                        ? IcebergSinks.committer(table, iceberg.catalog(), storage, consumer, listener)
                        : new KafkaOffsetCommitter(consumer, storage, deadLetters, listener, table.name());
            } catch (RuntimeException e) {
                consumer.close();
                deadLetters.close();
                throw e;
            }
            this.committer = committer;
            try {
                loop = new SinkLoop(table, storage, consumer, deadLetters, committer, listener, System::nanoTime);
            } catch (RuntimeException e) {
                // e.g. a declared column that narrows the recorded schema: refuse before reading anything
                consumer.close();
                deadLetters.close();
                throw e;
            }
            thread = new Thread(loop, "tributary-lake-" + table.name());
            thread.start();
            started = true;
        }
    }

    /** The name of the lake table this sink writes. */
    public String tableName() {
        return table.name();
    }

    /** Whether the consumer thread is running (false before start, after close or after a failure). */
    public boolean isRunning() {
        synchronized (lock) {
            return thread != null && thread.isAlive();
        }
    }

    /**
     * Stops polling, completes and renames the open files, commits their offsets and closes the
     * Kafka clients; waits for that to finish. Calling it again, or before {@link #start()}, does
     * nothing more.
     */
    @Override
    public void close() {
        SinkLoop stopping;
        Thread running;
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            stopping = loop;
            running = thread;
        }
        if (stopping == null) {
            closeStorage();
            return;
        }
        stopping.requestStop();
        if (Thread.currentThread() == running) {
            return;
        }
        try {
            running.join(CLOSE_WAIT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.warn("Interrupted while waiting for lake sink '{}' to stop", table.name());
            return;
        }
        if (running.isAlive()) {
            LOG.warn("Lake sink '{}' did not stop within {}", table.name(), CLOSE_WAIT);
            return;
        }
        closeStorage();
    }

    private void closeStorage() {
        if (committer instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                LOG.warn("Closing the table committer of lake sink '{}' failed", table.name(), e);
            }
        }
        if (ownsStorage) {
            try {
                storage.close();
            } catch (IOException | RuntimeException e) {
                LOG.warn("Closing the storage of lake sink '{}' failed", table.name(), e);
            }
        }
    }
}
