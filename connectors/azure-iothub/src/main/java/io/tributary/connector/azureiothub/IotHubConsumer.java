package io.tributary.connector.azureiothub;

import com.azure.core.amqp.models.AmqpMessageProperties;
import com.azure.messaging.eventhubs.CheckpointStore;
import com.azure.messaging.eventhubs.EventData;
import com.azure.messaging.eventhubs.EventProcessorClient;
import com.azure.messaging.eventhubs.EventProcessorClientBuilder;
import com.azure.messaging.eventhubs.LoadBalancingStrategy;
import com.azure.messaging.eventhubs.models.Checkpoint;
import com.azure.messaging.eventhubs.models.CloseContext;
import com.azure.messaging.eventhubs.models.ErrorContext;
import com.azure.messaging.eventhubs.models.EventBatchContext;
import com.azure.messaging.eventhubs.models.EventPosition;
import com.azure.messaging.eventhubs.models.InitializationContext;
import com.azure.messaging.eventhubs.models.PartitionContext;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.component.azure.eventhubs.EventHubsConstants;
import org.apache.camel.support.DefaultConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the partitions this instance owns with an {@link EventProcessorClient} (greedy load balancing, Blob
 * checkpoint store) and hands each event to the route as one exchange, asynchronously, in partition order, with at
 * most maxInFlightPerPartition exchanges of a partition open at a time.
 *
 * <p>Checkpoints: every checkpointInterval, and once more when a partition is closed, each partition's checkpoint
 * moves to the last event before which every event's exchange completed ({@link PartitionProgress}); an exchange
 * completes only after Kafka acknowledged the write or the dead-letter topic took the message. So a crash re-reads at
 * most what came after the last checkpoint, and never skips an event.
 *
 * <p>A failed exchange (Kafka and the dead-letter topic both refused it after the route's retries) is never
 * checkpointed past. The next batch of its partition throws, which makes the SDK close the partition; the load
 * balancer claims it again on its next round and reading restarts from the last checkpoint, so the failed event and
 * everything after it are read again. Malformed input never fails an exchange: the route sends it to the dead-letter
 * topic, as for every other source.
 */
final class IotHubConsumer extends DefaultConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(IotHubConsumer.class);
    /** A batch is handed over at the latest after this wait, also when empty, so a failed partition is noticed. */
    private static final Duration MAX_BATCH_WAIT = Duration.ofSeconds(1);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration CHECKPOINT_TIMEOUT = Duration.ofSeconds(30);

    /** One claim of a partition by this instance: its progress and its in-flight window. */
    private record Claim(PartitionContext partition, PartitionProgress progress, Semaphore window) {
    }

    private final IotHubSettings settings;
    private final Map<String, Claim> claims = new ConcurrentHashMap<>();
    private CheckpointStore checkpoints;
    private EventProcessorClient processor;
    private ScheduledExecutorService checkpointer;
    /**
     * Set on stop. The SDK's stop does not wait for a load-balancing round already under way, which may still claim
     * partitions and start reading them afterwards; such late batches are refused, so nothing is processed by a
     * stopped route (those claims expire after ownershipExpiration).
     */
    private volatile boolean stopped;

    IotHubConsumer(IotHubEndpoint endpoint, Processor processor, IotHubSettings settings) {
        super(endpoint, processor);
        this.settings = settings;
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        stopped = false;
        checkpoints = CheckpointContainer.open(settings);
        processor = new EventProcessorClientBuilder()
                .connectionString(settings.connectionString(), settings.eventHubName())
                .consumerGroup(settings.consumerGroup())
                .checkpointStore(checkpoints)
                // balanced would claim one partition per round: four partitions would take four rounds
                .loadBalancingStrategy(LoadBalancingStrategy.GREEDY)
                .loadBalancingUpdateInterval(settings.loadBalancingInterval())
                .partitionOwnershipExpirationInterval(settings.ownershipExpiration())
                .prefetchCount(settings.prefetch())
                .initialPartitionEventPosition(partition -> startingPosition())
                .processPartitionInitialization(this::onClaimed)
                .processEventBatch(this::onBatch, settings.maxBatchSize(), MAX_BATCH_WAIT)
                .processPartitionClose(this::onClosed)
                .processError(this::onError)
                .buildEventProcessorClient();
        checkpointer = getEndpoint().getCamelContext().getExecutorServiceManager()
                .newSingleThreadScheduledExecutor(this, "iothub-checkpoints[" + settings.iotHubName() + "]");
        long every = settings.checkpointInterval().toMillis();
        checkpointer.scheduleWithFixedDelay(this::checkpointAll, every, every, TimeUnit.MILLISECONDS);
        processor.start();
        LOG.info("Reading {}: checkpoints in Blob container '{}', no checkpoint means {}", settings.where(),
                settings.container(), settings.startingPosition());
    }

    private EventPosition startingPosition() {
        return switch (settings.startingPosition()) {
            case AzureIotHubOptions.LATEST -> EventPosition.latest();
            case AzureIotHubOptions.ENQUEUED_TIME -> EventPosition.fromEnqueuedTime(settings.startingEnqueuedTime());
            default -> EventPosition.earliest();
        };
    }

    private void onClaimed(InitializationContext context) {
        PartitionContext partition = context.getPartitionContext();
        claims.put(partition.getPartitionId(), new Claim(partition, new PartitionProgress(),
                new Semaphore(settings.maxInFlight())));
        LOG.info("Claimed partition {} of {}", partition.getPartitionId(), settings.where());
    }

    private void onBatch(EventBatchContext batch) {
        PartitionContext partition = batch.getPartitionContext();
        if (stopped) {
            throw new IllegalStateException("the IoT Hub source " + settings.where() + " is stopped; partition "
                    + partition.getPartitionId() + " was claimed by a load-balancing round that outlived the stop");
        }
        Claim claim = claims.computeIfAbsent(partition.getPartitionId(),
                id -> new Claim(partition, new PartitionProgress(), new Semaphore(settings.maxInFlight())));
        if (claim.progress().failed()) {
            // thrown to the SDK, which closes the partition; it is claimed again and read from the last checkpoint
            throw new IllegalStateException("partition " + partition.getPartitionId() + " of " + settings.where()
                    + ": an event could not be written to Kafka; reading the partition again from its last checkpoint");
        }
        for (EventData event : batch.getEvents()) {
            try {
                claim.window().acquire();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while partition " + partition.getPartitionId()
                        + " waited for Kafka", e);
            }
            dispatch(claim, event);
        }
    }

    private void dispatch(Claim claim, EventData event) {
        PartitionProgress.Entry entry = claim.progress().dispatched(event.getSequenceNumber(), event.getOffsetString());
        Exchange exchange = createExchange(false);
        fill(exchange.getIn(), claim.partition().getPartitionId(), event);
        getAsyncProcessor().process(exchange, doneSync -> {
            try {
                if (exchange.isFailed() || exchange.isRollbackOnly()) {
                    claim.progress().failed(entry);
                    getExceptionHandler().handleException("IoT Hub event " + event.getSequenceNumber()
                            + " of partition " + claim.partition().getPartitionId() + " was not written; it is not "
                            + "checkpointed and will be read again", exchange, exchange.getException());
                } else {
                    claim.progress().completed(entry);
                }
            } finally {
                claim.window().release();
                releaseExchange(exchange, false);
            }
        });
    }

    private void fill(Message in, String partitionId, EventData event) {
        in.setBody(event.getBody());
        in.setHeader(EventHubsConstants.PARTITION_ID, partitionId);
        in.setHeader(EventHubsConstants.PARTITION_KEY, event.getPartitionKey());
        in.setHeader(EventHubsConstants.OFFSET, event.getOffsetString());
        in.setHeader(EventHubsConstants.SEQUENCE_NUMBER, event.getSequenceNumber());
        in.setHeader(EventHubsConstants.ENQUEUED_TIME, event.getEnqueuedTime());
        in.setHeader(IotHubHeaders.IOT_HUB_NAME, settings.iotHubName());
        in.setHeader(IotHubHeaders.SYSTEM_PROPERTIES, event.getSystemProperties());
        in.setHeader(IotHubHeaders.APPLICATION_PROPERTIES, event.getProperties());
        in.setHeader(IotHubHeaders.MESSAGE_ID, event.getMessageId());
        in.setHeader(IotHubHeaders.CORRELATION_ID, event.getCorrelationId());
        in.setHeader(IotHubHeaders.CONTENT_TYPE, event.getContentType());
        AmqpMessageProperties amqp = event.getRawAmqpMessage().getProperties();
        in.setHeader(IotHubHeaders.CONTENT_ENCODING, amqp == null ? null : amqp.getContentEncoding());
    }

    private void onClosed(CloseContext context) {
        String partition = context.getPartitionContext().getPartitionId();
        // the SDK closes a partition before it claims it again, so the claim removed here is the one closing
        Claim claim = claims.remove(partition);
        if (claim == null) {
            return;
        }
        // Checkpointed whatever the reason: what Kafka acknowledged may always be checkpointed. The SDK reports
        // LOST_PARTITION_OWNERSHIP also when a partition's receiver failed during a stop; if another instance did
        // take the partition and is ahead, this at worst moves its checkpoint back a little (a few duplicates).
        long deadline = System.nanoTime() + DRAIN_TIMEOUT.toNanos();
        while (claim.progress().inFlight() > 0 && System.nanoTime() - deadline < 0) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        checkpoint(claim);
        LOG.info("Closed partition {} of {} ({}; {} events still unacknowledged)", partition, settings.where(),
                context.getCloseReason(), claim.progress().inFlight());
    }

    private void onError(ErrorContext context) {
        String partition = context.getPartitionContext() == null ? "-" : context.getPartitionContext().getPartitionId();
        LOG.warn("{} partition {}: {}", settings.where(), partition, context.getThrowable().toString());
    }

    private void checkpointAll() {
        claims.values().forEach(this::checkpoint);
    }

    private void checkpoint(Claim claim) {
        PartitionProgress.Position position = claim.progress().toCheckpoint();
        if (position == null) {
            return;
        }
        PartitionContext partition = claim.partition();
        try {
            checkpoints.updateCheckpoint(new Checkpoint()
                    .setFullyQualifiedNamespace(partition.getFullyQualifiedNamespace())
                    .setEventHubName(partition.getEventHubName())
                    .setConsumerGroup(partition.getConsumerGroup())
                    .setPartitionId(partition.getPartitionId())
                    .setSequenceNumber(position.sequenceNumber())
                    .setOffsetString(position.offset()))
                    .block(CHECKPOINT_TIMEOUT);
            claim.progress().checkpointed(position);
        } catch (RuntimeException e) {
            // the next round tries again; until then a crash re-reads a little more
            LOG.warn("Checkpoint of partition {} of {} at sequence number {} failed: {}", partition.getPartitionId(),
                    settings.where(), position.sequenceNumber(), e.toString());
        }
    }

    @Override
    protected void doStop() throws Exception {
        stopped = true;
        if (processor != null) {
            // closes every partition (each writes its final checkpoint) and gives up their ownership
            processor.stop(STOP_TIMEOUT);
            processor = null;
        }
        if (checkpointer != null) {
            getEndpoint().getCamelContext().getExecutorServiceManager().shutdownNow(checkpointer);
            checkpointer = null;
        }
        checkpointAll();
        claims.clear();
        super.doStop();
    }
}
