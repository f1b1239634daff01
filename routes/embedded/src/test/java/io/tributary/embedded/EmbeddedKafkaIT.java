package io.tributary.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class EmbeddedKafkaIT {

    private static EmbeddedKafka kafka;

    @BeforeAll
    static void startKafka() throws Exception {
        long start = System.nanoTime();
        kafka = EmbeddedKafka.start();
        System.out.printf("EmbeddedKafka started in %d ms%n", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
    }

    @AfterAll
    static void stopKafka() {
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void listensOnLoopback() {
        assertThat(kafka.bootstrapServers()).matches("127\\.0\\.0\\.1:\\d+");
    }

    @Test
    void producesAndConsumesAThousandRecordsInOrderPerKey() throws Exception {
        String topic = "embedded-kafka-roundtrip";
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }

        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true),
                new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < 1_000; i++) {
                producer.send(new ProducerRecord<>(topic, "dev-" + (i % 10), Integer.toString(i)));
            }
            producer.flush();
        }

        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "embedded-kafka-it",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (records.size() < 1_000 && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            consumer.commitSync();
        }

        assertThat(records).hasSize(1_000);
        for (int device = 0; device < 10; device++) {
            String key = "dev-" + device;
            List<Integer> values = records.stream().filter(r -> r.key().equals(key))
                    .map(r -> Integer.parseInt(r.value())).toList();
            assertThat(values).hasSize(100).isSorted();
        }
        assertThat(records.stream().map(ConsumerRecord::partition).distinct()).hasSizeGreaterThan(1);
    }

    @Test
    void runsWithSingleNodeSettings() throws Exception {
        try (Admin admin = admin()) {
            String nodeId = admin.describeCluster().nodes().get(10, TimeUnit.SECONDS).iterator().next().idString();
            ConfigResource broker = new ConfigResource(ConfigResource.Type.BROKER, nodeId);
            Config config = admin.describeConfigs(Set.of(broker)).all().get(10, TimeUnit.SECONDS).get(broker);

            assertThat(config.get("auto.create.topics.enable").value()).isEqualTo("false");
            assertThat(config.get("offsets.topic.replication.factor").value()).isEqualTo("1");
            assertThat(config.get("transaction.state.log.replication.factor").value()).isEqualTo("1");
            assertThat(config.get("transaction.state.log.min.isr").value()).isEqualTo("1");
            assertThat(config.get("group.initial.rebalance.delay.ms").value()).isEqualTo("0");
        }
    }

    @Test
    void closeStopsTheNodeAndDeletesItsDataDirectory() throws Exception {
        // a node of its own, so the shared one stays up for the other tests
        EmbeddedKafka own = EmbeddedKafka.start();
        assertThat(own.bootstrapServers()).isNotEqualTo(kafka.bootstrapServers());
        assertThat(Files.isDirectory(own.dataDirectory())).isTrue();

        own.close();
        own.close();

        assertThat(own.dataDirectory()).doesNotExist();
        String host = own.bootstrapServers().substring(0, own.bootstrapServers().indexOf(':'));
        int port = Integer.parseInt(own.bootstrapServers().substring(host.length() + 1));
        try (Socket socket = new Socket()) {
            assertThatThrownBy(() -> socket.connect(new InetSocketAddress(host, port), 1_000))
                    .isInstanceOf(IOException.class);
        }
    }

    private static Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
    }
}
