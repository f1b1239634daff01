package io.tributary.lake.commit;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Sends records that do not fit a lake table to its dead-letter topic: original key, value and
 * headers plus {@code tributary_dlq_*} headers saying why and where from. The producer should be
 * idempotent with {@code acks=all}; a failed send is reported by the next {@link #flush()}.
 */
public final class DeadLetterPublisher implements AutoCloseable {

    public static final String REASON_HEADER = "tributary_dlq_reason";
    public static final String TABLE_HEADER = "tributary_dlq_table";
    public static final String TOPIC_HEADER = "tributary_dlq_topic";
    public static final String PARTITION_HEADER = "tributary_dlq_partition";
    public static final String OFFSET_HEADER = "tributary_dlq_offset";

    private final Producer<byte[], byte[]> producer;
    private final String deadLetterTopic;
    private final String table;
    private final AtomicReference<Exception> firstFailure = new AtomicReference<>();
    private long unflushed;

    public DeadLetterPublisher(Producer<byte[], byte[]> producer, String deadLetterTopic, String table) {
        this.producer = producer;
        this.deadLetterTopic = deadLetterTopic;
        this.table = table;
    }

    public void publish(ConsumerRecord<byte[], byte[]> record, String reason) {
        throwIfFailed();
        RecordHeaders headers = new RecordHeaders(record.headers().toArray());
        headers.add(REASON_HEADER, utf8(reason));
        headers.add(TABLE_HEADER, utf8(table));
        headers.add(TOPIC_HEADER, utf8(record.topic()));
        headers.add(PARTITION_HEADER, utf8(Integer.toString(record.partition())));
        headers.add(OFFSET_HEADER, utf8(Long.toString(record.offset())));
        producer.send(new ProducerRecord<>(deadLetterTopic, null, null, record.key(), record.value(), headers),
                (metadata, exception) -> {
                    if (exception != null) {
                        firstFailure.compareAndSet(null, exception);
                    }
                });
        unflushed++;
    }

    /**
     * Blocks until every record published so far is acknowledged.
     *
     * @throws KafkaException if any of them could not be written; offsets covering them must then
     *                        not be committed
     */
    public void flush() {
        if (unflushed > 0) {
            producer.flush();
            unflushed = 0;
        }
        throwIfFailed();
    }

    private void throwIfFailed() {
        Exception failure = firstFailure.get();
        if (failure != null) {
            throw new KafkaException("Writing to dead-letter topic '" + deadLetterTopic + "' of lake table '"
                    + table + "' failed: " + failure.getMessage(), failure);
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(30));
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
