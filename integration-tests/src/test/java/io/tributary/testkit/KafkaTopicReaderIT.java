package io.tributary.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.embedded.EmbeddedKafka;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class KafkaTopicReaderIT {

    private static EmbeddedKafka kafka;
    private static KafkaTopicReader reader;

    @BeforeAll
    static void startKafka() throws Exception {
        long start = System.nanoTime();
        kafka = EmbeddedKafka.start();
        System.out.printf("EmbeddedKafka started in %d ms%n", Duration.ofNanos(System.nanoTime() - start).toMillis());
        reader = new KafkaTopicReader(kafka.bootstrapServers());
    }

    @AfterAll
    static void stopKafka() {
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void readsEveryRecordWithKeyValueHeadersPartitionAndOffset() throws Exception {
        String topic = "reader-it-all";
        createTopic(topic, 3);
        produce(topic, 90);

        List<KafkaTopicReader.Record> records = reader.read(topic, 90, Duration.ofSeconds(30));

        assertThat(records).hasSize(90);
        assertThat(records.stream().map(KafkaTopicReader.Record::partition).distinct()).hasSize(3);
        KafkaTopicReader.Record first = records.get(0);
        assertThat(first.topic()).isEqualTo(topic);
        assertThat(first.offset()).isZero();
        assertThat(first.key()).startsWith("dev-");
        assertThat(first.valueAsString()).startsWith("{\"seq\":");
        assertThat(first.header("ce_subject")).isEqualTo(first.key());
        assertThat(first.header("missing")).isNull();
        for (int partition = 0; partition < 3; partition++) {
            int p = partition;
            List<Long> offsets = records.stream().filter(r -> r.partition() == p).map(KafkaTopicReader.Record::offset)
                    .toList();
            assertThat(offsets).isSorted().doesNotHaveDuplicates().startsWith(0L);
        }
    }

    @Test
    void returnsWhatArrivedWhenTheTimeoutPasses() throws Exception {
        String topic = "reader-it-short";
        createTopic(topic, 1);
        produce(topic, 5);

        long start = System.nanoTime();
        List<KafkaTopicReader.Record> records = reader.read(topic, 10, Duration.ofSeconds(2));

        assertThat(records).hasSize(5);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void readsToTheEndToShowThereIsNothingMore() throws Exception {
        String topic = "reader-it-end";
        createTopic(topic, 2);
        produce(topic, 40);

        assertThat(reader.readToEnd(topic, Duration.ofSeconds(30))).hasSize(40);
    }

    @Test
    void waitsForATopicThatDoesNotExistYetAndGivesUpEmpty() {
        assertThat(reader.read("reader-it-never-created", 1, Duration.ofSeconds(1))).isEmpty();
    }

    private static void createTopic(String topic, int partitions) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
    }

    private static void produce(String topic, int count) {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < count; i++) {
                String device = "dev-" + (i % 9);
                ProducerRecord<String, String> record = new ProducerRecord<>(topic, device, "{\"seq\":" + i + "}");
                record.headers().add("ce_subject", device.getBytes(StandardCharsets.UTF_8));
                producer.send(record);
            }
            producer.flush();
        }
    }
}
