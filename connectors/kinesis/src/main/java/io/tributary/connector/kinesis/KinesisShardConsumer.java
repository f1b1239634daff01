package io.tributary.connector.kinesis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.component.aws2.kinesis.Kinesis2Constants;
import org.apache.camel.support.DefaultConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ExpiredIteratorException;
import software.amazon.awssdk.services.kinesis.model.GetRecordsRequest;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.GetShardIteratorRequest;
import software.amazon.awssdk.services.kinesis.model.ListShardsRequest;
import software.amazon.awssdk.services.kinesis.model.ListShardsResponse;
import software.amazon.awssdk.services.kinesis.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/**
 * Reads every shard of a stream in rounds: one GetRecords per readable shard (up to {@value #PARALLEL_POLLS} shards
 * at once), every record sent through the route asynchronously, then a wait until every exchange of the round
 * completed. Only then does a
 * shard's checkpoint move to its batch's last sequence number, so a checkpoint never passes a record that Kafka
 * did not acknowledge. A batch with a failed exchange is read again from the checkpoint (at least once).
 *
 * <p>Resharding: a closed shard read to its end is checkpointed as {@link CheckpointStore#SHARD_END}, and only then
 * do its children become readable ({@link ShardLineage}), so per partition key the order of the stream is kept.
 */
final class KinesisShardConsumer extends DefaultConsumer {

    /** The stream name, for {@link KinesisMetadataMapper}. */
    static final String STREAM_HEADER = "TributaryKinesisStream";

    private static final Logger LOG = LoggerFactory.getLogger(KinesisShardConsumer.class);
    private static final Duration SHARD_REFRESH = Duration.ofSeconds(10);
    /** Kinesis allows five GetRecords calls per shard and second. */
    private static final Duration MIN_ROUND = Duration.ofMillis(200);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
    private static final Duration BATCH_TIMEOUT = Duration.ofMinutes(10);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);
    /** GetRecords calls in flight at once; each shard's records are still handed to the route in stream order. */
    static final int PARALLEL_POLLS = 8;

    private final KinesisEndpoint endpoint;
    private final KinesisEndpoint.Settings settings;
    private final Object pause = new Object();
    private volatile boolean running;
    private Thread reader;
    private ExecutorService pollers;

    // written by the reader thread only, between rounds; pollers only read checkpoints and shards
    private Map<String, String> checkpoints;
    private final Map<String, String> iterators = new ConcurrentHashMap<>();
    private List<Shard> shards = List.of();
    private long nextRefreshNanos;

    KinesisShardConsumer(KinesisEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
        this.endpoint = endpoint;
        this.settings = endpoint.settings();
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        checkpoints = settings.checkpoints().load();
        pollers = getEndpoint().getCamelContext().getExecutorServiceManager()
                .newFixedThreadPool(this, "KinesisPoll-" + settings.streamName(), PARALLEL_POLLS);
        running = true;
        reader = new Thread(this::run, "tributary-kinesis-" + settings.streamName());
        reader.setDaemon(true);
        reader.start();
    }

    /** Lets the current round finish (its exchanges complete and are checkpointed), then ends the reader. */
    @Override
    protected void doStop() throws Exception {
        running = false;
        synchronized (pause) {
            pause.notifyAll();
        }
        if (reader != null) {
            reader.join(STOP_TIMEOUT.toMillis());
            if (reader.isAlive()) {
                LOG.warn("Kinesis stream {}: the reader did not finish its round within {}; records of that round "
                        + "will be read again after the restart", settings.streamName(), STOP_TIMEOUT);
                reader.interrupt();
            }
            reader = null;
        }
        if (pollers != null) {
            getEndpoint().getCamelContext().getExecutorServiceManager().shutdownNow(pollers);
            pollers = null;
        }
        super.doStop();
    }

    private void run() {
        int failures = 0;
        while (running) {
            long started = System.nanoTime();
            try {
                boolean busy = round();
                failures = 0;
                Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
                sleep(busy ? MIN_ROUND.minus(elapsed) : settings.pollInterval());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                failures++;
                Duration backoff = backoff(failures);
                LOG.warn("Kinesis stream {}: {}: {}; retrying from the checkpoints in {}", settings.streamName(),
                        e.getClass().getSimpleName(), e.getMessage(), backoff);
                iterators.clear();
                nextRefreshNanos = 0;
                try {
                    sleep(backoff);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private Duration backoff(int failures) {
        Duration backoff = settings.pollInterval().multipliedBy(1L << Math.min(failures, 6));
        return backoff.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff;
    }

    /** One GetRecords per readable shard; returns whether a shard may have more records right now. */
    private boolean round() throws InterruptedException {
        if (shards.isEmpty() || System.nanoTime() - nextRefreshNanos >= 0) {
            shards = listShards();
            nextRefreshNanos = System.nanoTime() + SHARD_REFRESH.toNanos();
            Set<String> listed = shards.stream().map(Shard::shardId).collect(Collectors.toSet());
            iterators.keySet().retainAll(listed);
        }
        List<Future<Batch>> polls = new ArrayList<>();
        for (Shard shard : ShardLineage.readable(shards, checkpoints)) {
            if (!running) {
                break;
            }
            polls.add(pollers.submit(() -> poll(shard)));
        }
        // every batch that reached the route is awaited and checkpointed, even when another shard's poll failed
        List<Batch> batches = new ArrayList<>();
        RuntimeException failure = null;
        for (Future<Batch> poll : polls) {
            try {
                Batch batch = poll.get();
                if (batch != null) {
                    batches.add(batch);
                }
            } catch (ExecutionException e) {
                if (failure == null) {
                    failure = e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
                }
            }
        }
        boolean busy = false;
        boolean changed = false;
        for (Batch batch : batches) {
            if (!batch.await(BATCH_TIMEOUT)) {
                LOG.warn("Kinesis stream {}: {} of {} records from shard {} failed; reading them again from the "
                        + "checkpoint", settings.streamName(), batch.failures(), batch.size(), batch.shardId);
                iterators.remove(batch.shardId);
                continue;
            }
            if (!batch.records.isEmpty()) {
                checkpoints.put(batch.shardId, batch.records.get(batch.records.size() - 1).sequenceNumber());
                changed = true;
            }
            if (batch.nextIterator == null) {
                // a closed shard read to its end: its children may start now
                checkpoints.put(batch.shardId, CheckpointStore.SHARD_END);
                iterators.remove(batch.shardId);
                nextRefreshNanos = System.nanoTime();
                changed = true;
                busy = true;
                LOG.info("Kinesis stream {}: shard {} is closed and was read to its end", settings.streamName(),
                        batch.shardId);
            } else {
                iterators.put(batch.shardId, batch.nextIterator);
                busy |= batch.records.size() >= settings.maxRecordsPerPoll()
                        || (!batch.records.isEmpty() && batch.millisBehindLatest > 0);
            }
        }
        if (changed) {
            settings.checkpoints().save(checkpoints);
        }
        if (failure != null) {
            throw failure;
        }
        return busy;
    }

    /** Reads one batch of a shard and hands its records to the route; null when the shard cannot be read now. */
    private Batch poll(Shard shard) {
        String shardId = shard.shardId();
        KinesisClient client = endpoint.client();
        String iterator = iterators.get(shardId);
        if (iterator == null) {
            iterator = client.getShardIterator(iteratorRequest(shard)).shardIterator();
        }
        GetRecordsResponse response;
        try {
            GetRecordsRequest.Builder request = GetRecordsRequest.builder().shardIterator(iterator)
                    .limit(settings.maxRecordsPerPoll());
            if (settings.streamArn() != null) {
                request.streamARN(settings.streamArn());
            }
            response = client.getRecords(request.build());
        } catch (ExpiredIteratorException e) {
            iterators.remove(shardId);
            return null;
        } catch (ProvisionedThroughputExceededException e) {
            LOG.debug("Kinesis stream {}: shard {} is throttled; polling it again later", settings.streamName(),
                    shardId);
            iterators.put(shardId, iterator);
            return null;
        }
        Batch batch = new Batch(shardId, response.records(), response.nextShardIterator(),
                response.millisBehindLatest() == null ? 0 : response.millisBehindLatest());
        for (Record record : response.records()) {
            submit(shardId, record, batch);
        }
        return batch;
    }

    private GetShardIteratorRequest iteratorRequest(Shard shard) {
        GetShardIteratorRequest.Builder request = GetShardIteratorRequest.builder().shardId(shard.shardId());
        if (settings.streamArn() != null) {
            request.streamARN(settings.streamArn());
        } else {
            request.streamName(settings.streamName());
        }
        String checkpoint = checkpoints.get(shard.shardId());
        if (checkpoint != null) {
            return request.shardIteratorType(ShardIteratorType.AFTER_SEQUENCE_NUMBER)
                    .startingSequenceNumber(checkpoint).build();
        }
        if (ShardLineage.hasListedParent(shard, shards)) {
            // the child of a split or merge continues its parents' keys: all of it is new to us
            return request.shardIteratorType(ShardIteratorType.TRIM_HORIZON).build();
        }
        return switch (settings.initialPosition()) {
            case KinesisOptions.LATEST -> request.shardIteratorType(ShardIteratorType.LATEST).build();
            case KinesisOptions.AT_TIMESTAMP -> request.shardIteratorType(ShardIteratorType.AT_TIMESTAMP)
                    .timestamp(settings.timestamp()).build();
            default -> request.shardIteratorType(ShardIteratorType.TRIM_HORIZON).build();
        };
    }

    private List<Shard> listShards() {
        List<Shard> listed = new ArrayList<>();
        String next = null;
        // bounded: a stream has at most a few thousand shards, 1000 per page
        for (int page = 0; page < 1_000; page++) {
            ListShardsRequest.Builder request = ListShardsRequest.builder();
            if (next != null) {
                request.nextToken(next);
            } else if (settings.streamArn() != null) {
                request.streamARN(settings.streamArn());
            } else {
                request.streamName(settings.streamName());
            }
            ListShardsResponse response = endpoint.client().listShards(request.build());
            listed.addAll(response.shards());
            next = response.nextToken();
            if (next == null) {
                break;
            }
        }
        return listed;
    }

    private void submit(String shardId, Record record, Batch batch) {
        Exchange exchange = createExchange(false);
        Message message = exchange.getIn();
        message.setBody(record.data().asByteArray());
        message.setHeader(Kinesis2Constants.SHARD_ID, shardId);
        message.setHeader(Kinesis2Constants.SEQUENCE_NUMBER, record.sequenceNumber());
        message.setHeader(Kinesis2Constants.PARTITION_KEY, record.partitionKey());
        message.setHeader(STREAM_HEADER, settings.streamName());
        if (record.approximateArrivalTimestamp() != null) {
            message.setHeader(Kinesis2Constants.APPROX_ARRIVAL_TIME, record.approximateArrivalTimestamp());
            message.setHeader(Kinesis2Constants.MESSAGE_TIMESTAMP, record.approximateArrivalTimestamp().toEpochMilli());
        }
        try {
            // the route runs up to Kafka's send in this thread, so records of a shard are sent in stream order
            getAsyncProcessor().process(exchange, doneSync -> {
                batch.completed(!exchange.isFailed());
                releaseExchange(exchange, false);
            });
        } catch (RuntimeException e) {
            exchange.setException(e);
            batch.completed(false);
            releaseExchange(exchange, false);
        }
    }

    private void sleep(Duration duration) throws InterruptedException {
        if (duration.isNegative() || duration.isZero() || !running) {
            return;
        }
        synchronized (pause) {
            if (running) {
                pause.wait(Math.max(1, duration.toMillis()));
            }
        }
    }
}
