package io.tributary.lake.commit;

import static io.tributary.lake.testing.Records.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

class DeadLetterPublisherTest {

    private static Map<String, String> headers(ProducerRecord<byte[], byte[]> record) {
        return StreamSupport.stream(record.headers().spliterator(), false)
                .collect(Collectors.toMap(Header::key, h -> new String(h.value(), StandardCharsets.UTF_8)));
    }

    @Test
    void sendsTheOriginalRecordWithReasonAndOriginHeaders() {
        MockProducer<byte[], byte[]> producer =
                new MockProducer<>(true, new ByteArraySerializer(), new ByteArraySerializer());
        DeadLetterPublisher publisher = new DeadLetterPublisher(producer, "fleet.dlq", "fleet");

        publisher.publish(record("fleet.in", 2, 77).key("truck-1").json("{oops")
                .header("ce_id", "m-1").header("tributary_source", "fleet-mqtt").build(), "payload is not valid JSON");
        publisher.flush();

        assertThat(producer.history()).hasSize(1);
        ProducerRecord<byte[], byte[]> sent = producer.history().get(0);
        assertThat(sent.topic()).isEqualTo("fleet.dlq");
        assertThat(new String(sent.key(), StandardCharsets.UTF_8)).isEqualTo("truck-1");
        assertThat(new String(sent.value(), StandardCharsets.UTF_8)).isEqualTo("{oops");
        assertThat(headers(sent))
                .containsEntry("ce_id", "m-1")
                .containsEntry("tributary_source", "fleet-mqtt")
                .containsEntry("tributary_dlq_reason", "payload is not valid JSON")
                .containsEntry("tributary_dlq_table", "fleet")
                .containsEntry("tributary_dlq_topic", "fleet.in")
                .containsEntry("tributary_dlq_partition", "2")
                .containsEntry("tributary_dlq_offset", "77");
    }

    @Test
    void reportsAFailedSendOnFlush() {
        MockProducer<byte[], byte[]> producer =
                new MockProducer<>(false, new ByteArraySerializer(), new ByteArraySerializer());
        DeadLetterPublisher publisher = new DeadLetterPublisher(producer, "fleet.dlq", "fleet");
        publisher.publish(record("fleet.in", 0, 1).build(), "bad");

        producer.errorNext(new KafkaException("not enough replicas"));

        assertThatThrownBy(publisher::flush)
                .isInstanceOf(KafkaException.class)
                .hasMessageContaining("dead-letter topic 'fleet.dlq' of lake table 'fleet' failed")
                .hasMessageContaining("not enough replicas");
    }
}
