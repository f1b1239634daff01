package io.tributary.connector.pubsub;

import com.google.api.core.ApiService;
import com.google.api.gax.batching.FlowControlSettings;
import com.google.api.gax.core.InstantiatingExecutorProvider;
import com.google.cloud.pubsub.v1.AckReplyConsumer;
import com.google.cloud.pubsub.v1.Subscriber;
import com.google.cloud.pubsub.v1.SubscriberShutdownSettings;
import com.google.common.util.concurrent.MoreExecutors;
import com.google.pubsub.v1.ProjectSubscriptionName;
import com.google.pubsub.v1.PubsubMessage;
import java.time.Duration;
import java.util.HashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.component.google.pubsub.GooglePubsubConstants;
import org.apache.camel.component.google.pubsub.consumer.AcknowledgeAsync;
import org.apache.camel.component.google.pubsub.consumer.AcknowledgeCompletion;
import org.apache.camel.support.DefaultConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One streaming-pull {@link Subscriber} per source. Each message is one exchange, processed on a worker thread
 * that waits until the route is done with it: the exchange completes only after Kafka acknowledged the write (or
 * the dead-letter write), and only then is the message acked. A failed exchange is nacked, so Pub/Sub redelivers
 * it; nothing is acked that Kafka does not have.
 *
 * <p>Why redeliveries stay rare: flow control caps what is received but not yet acked (maxOutstandingMessages and
 * maxOutstandingBytes), so no message waits behind a long queue; each is acked as soon as its own exchange
 * completes (the client sends acks in batches every 100 ms or so, not at some later commit); and while a message
 * is still being processed the client extends its lease, by at most ackDeadline at a time, for up to an hour. A deadline
 * therefore expires only for messages of a hub that died or lost its connection.
 *
 * <p>Ordering: the client hands messages of one ordering key to the receiver one at a time, the next only once the
 * previous call returned. This receiver returns only after the exchange completed, so the messages of a key reach
 * Kafka one after the other, in order.
 */
final class PubSubConsumer extends DefaultConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(PubSubConsumer.class);
    /** Camel's own shutdown timeout is 30 s; in-flight exchanges get most of it. */
    private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(25);
    private static final Duration MAX_ACK_EXTENSION = Duration.ofHours(1);
    private static final long FIRST_RESTART_DELAY_MS = 1_000;
    private static final long MAX_RESTART_DELAY_MS = 60_000;

    private final PullSettings settings;
    private final PubSubConnection connection;
    private final String subscriptionName;
    private ScheduledExecutorService restarts;
    private volatile Subscriber subscriber;
    private volatile boolean stopping;
    private long restartDelayMs = FIRST_RESTART_DELAY_MS;

    PubSubConsumer(PubSubEndpoint endpoint, Processor processor, PullSettings settings, PubSubConnection connection) {
        super(endpoint, processor);
        this.settings = settings;
        this.connection = connection;
        this.subscriptionName = ProjectSubscriptionName.format(settings.project(), settings.subscription());
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        stopping = false;
        SubscriptionSetup.ensure(settings, connection);
        restarts = getEndpoint().getCamelContext().getExecutorServiceManager()
                .newSingleThreadScheduledExecutor(this, "pubsub-restart[" + settings.subscription() + "]");
        startSubscriber();
        LOG.info("Pulling from {} ({} stream(s), at most {} messages outstanding)", subscriptionName,
                settings.concurrentStreams(), settings.maxOutstandingMessages());
    }

    private synchronized void startSubscriber() {
        if (stopping) {
            return;
        }
        Subscriber created = Subscriber.newBuilder(subscriptionName, this::receive)
                .setChannelProvider(connection.channels())
                .setCredentialsProvider(connection.credentials())
                .setParallelPullCount(settings.concurrentStreams())
                .setExecutorProvider(InstantiatingExecutorProvider.newBuilder()
                        .setExecutorThreadCount(settings.workerThreads()).build())
                .setFlowControlSettings(FlowControlSettings.newBuilder()
                        .setMaxOutstandingElementCount(settings.maxOutstandingMessages())
                        .setMaxOutstandingRequestBytes(settings.maxOutstandingBytes())
                        .build())
                .setMaxDurationPerAckExtensionDuration(settings.ackDeadline())
                .setMaxAckExtensionPeriodDuration(MAX_ACK_EXTENSION)
                .setSubscriberShutdownSettings(SubscriberShutdownSettings.newBuilder()
                        .setMode(SubscriberShutdownSettings.ShutdownMode.WAIT_FOR_PROCESSING)
                        .setTimeout(SHUTDOWN_WAIT).build())
                .build();
        created.addListener(new ApiService.Listener() {
            @Override
            public void failed(ApiService.State from, Throwable failure) {
                onSubscriberFailed(created, failure);
            }
        }, MoreExecutors.directExecutor());
        subscriber = created;
        created.startAsync().awaitRunning();
    }

    /** A failed stream is replaced after a growing pause; its unacked messages come back after their deadline. */
    private synchronized void onSubscriberFailed(Subscriber failed, Throwable failure) {
        if (stopping || failed != subscriber) {
            return;
        }
        long delay = restartDelayMs;
        restartDelayMs = Math.min(restartDelayMs * 2, MAX_RESTART_DELAY_MS);
        LOG.warn("Streaming pull from {} failed ({}); restarting in {} ms", subscriptionName, failure.toString(), delay);
        restarts.schedule(() -> {
            try {
                startSubscriber();
            } catch (RuntimeException e) {
                LOG.warn("Restarting the pull from {} failed: {}", subscriptionName, e.toString());
            }
        }, delay, TimeUnit.MILLISECONDS);
    }

    private void receive(PubsubMessage pubsub, AckReplyConsumer reply) {
        Exchange exchange = createExchange(true);
        Message in = exchange.getIn();
        in.setBody(pubsub.getData().toByteArray());
        in.setHeader(GooglePubsubConstants.MESSAGE_ID, pubsub.getMessageId());
        in.setHeader(GooglePubsubConstants.PUBLISH_TIME, pubsub.getPublishTime());
        in.setHeader(GooglePubsubConstants.ATTRIBUTES, new HashMap<>(pubsub.getAttributesMap()));
        if (!pubsub.getOrderingKey().isEmpty()) {
            in.setHeader(GooglePubsubConstants.ORDERING_KEY, pubsub.getOrderingKey());
        }
        // Camel's ack mode AUTO: ack when the exchange completes, nack when it fails
        exchange.getExchangeExtension().addOnCompletion(new AcknowledgeCompletion(new AcknowledgeAsync(reply)));
        try {
            // synchronous on purpose: returning early would let the next message of an ordering key overtake
            getProcessor().process(exchange);
        } catch (Exception e) {
            exchange.setException(e);
        }
        if (exchange.getException() != null) {
            getExceptionHandler().handleException("Pub/Sub message " + pubsub.getMessageId()
                    + " was not delivered and is nacked for redelivery", exchange, exchange.getException());
        }
        restartDelayMs = FIRST_RESTART_DELAY_MS;
    }

    @Override
    protected void doStop() throws Exception {
        Subscriber current;
        synchronized (this) {
            stopping = true;
            current = subscriber;
            subscriber = null;
        }
        if (restarts != null) {
            getEndpoint().getCamelContext().getExecutorServiceManager().shutdownNow(restarts);
            restarts = null;
        }
        if (current != null) {
            // stops pulling, waits for in-flight exchanges to complete, and flushes their acks
            current.stopAsync();
            try {
                current.awaitTerminated(SHUTDOWN_WAIT.toSeconds() + 2, TimeUnit.SECONDS);
            } catch (TimeoutException | IllegalStateException e) {
                LOG.warn("The pull from {} did not stop cleanly ({}); unacked messages are redelivered after "
                        + "their deadline", subscriptionName, e.toString());
            }
        }
        super.doStop();
    }
}
