package io.tributary.connector.pubsub;

import java.time.Duration;

/**
 * What the streaming pull of one source needs, taken from its validated options.
 *
 * @param topic the topic to create with the subscription, or null when both must already exist
 */
record PullSettings(String project, String subscription, String topic, long maxOutstandingMessages,
                    long maxOutstandingBytes, Duration ackDeadline, int concurrentStreams, boolean ordering) {

    /**
     * Worker threads per stream. The route writes each message to Kafka before its thread takes the next, so this
     * is how many Kafka writes one stream has in flight; the idempotent producer batches them.
     */
    static final int WORKERS_PER_STREAM = 16;

    int workerThreads() {
        return WORKERS_PER_STREAM * concurrentStreams;
    }
}
