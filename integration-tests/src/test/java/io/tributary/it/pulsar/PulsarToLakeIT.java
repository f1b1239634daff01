package io.tributary.it.pulsar;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.connector.SourceConnectors;
import io.tributary.routes.config.ConfigLoader;
import io.tributary.routes.config.LoadedConfig;
import io.tributary.routes.config.Variables;
import io.tributary.routes.runtime.Hub;
import io.tributary.testkit.Await;
import io.tributary.testkit.KafkaTopicReader;
import io.tributary.testkit.Lake;
import io.tributary.testkit.TelemetryLakeCheck;
import io.tributary.testkit.Telemetry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.pulsar.client.api.MessageId;
import org.apache.pulsar.client.api.Producer;
import org.apache.pulsar.client.api.PulsarClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pulsar to Kafka to the Parquet lake on a Pulsar standalone broker (child JVM) and a real KRaft broker, with the
 * hub in this JVM: 10,000 messages from 50 devices over a topic with 4 partitions, read on a Key_Shared
 * subscription, checked with DuckDB.
 */
class PulsarToLakeIT extends PulsarServers {

    static final int DEVICES = 50;
    static final int PER_DEVICE = 200;
    static final int MESSAGES = DEVICES * PER_DEVICE;
    static final int PARTITIONS = 4;

    @TempDir
    Path work;

    private Hub startHub(String name) throws Exception {
        Path dir = PulsarHubConfig.write(work, name, pulsar.serviceUrl(), kafka.bootstrapServers(),
                work.resolve("lake"), "Key_Shared");
        LoadedConfig config = new ConfigLoader(SourceConnectors.discover(), Variables.of(Map.of())).load(dir);
        assertThat(config.problems().toString()).isEmpty();
        return Hub.start(config, System.out, 60_000);
    }

    private static long written(Hub hub) {
        return hub.metrics().totals().getOrDefault("tributary.source.written", 0L);
    }

    @Test
    void deliversTenThousandMessagesFromAPartitionedTopicIntoTheLake() throws Exception {
        String name = "pl-lake";
        String topic = PulsarHubConfig.pulsarTopic(name);
        pulsar.createPartitionedTopic(topic, PARTITIONS);
        List<MessageId> ids;
        // a backlog first (the subscription starts at earliest), so the hub's pace is measured, not the publisher's
        try (PulsarClient client = pulsar.client(); Producer<byte[]> producer = PulsarHubConfig.producer(client, topic)) {
            ids = PulsarHubConfig.publish(producer, DEVICES, 0, MESSAGES);
        }

        Path lakeRoot = work.resolve("lake");
        String table = PulsarHubConfig.table(name);
        try (Lake lake = Lake.open()) {
            long started = System.nanoTime();
            try (Hub hub = startHub(name)) {
                long inKafka = Await.atLeast(MESSAGES, Duration.ofSeconds(90), () -> written(hub));
                double seconds = (System.nanoTime() - started) / 1e9;
                assertThat(inKafka).as("messages written to Kafka").isGreaterThanOrEqualTo(MESSAGES);
                System.out.printf("Pulsar -> Kafka: %d messages in %.1f s (%.0f messages/s, hub start included)%n",
                        MESSAGES, seconds, MESSAGES / seconds);
                assertThat(Await.atLeast(MESSAGES, Duration.ofSeconds(60),
                        () -> lake.count(lakeRoot, table))).isGreaterThanOrEqualTo(MESSAGES);
            }
            String parquet = Lake.parquet(lakeRoot, table);
            TelemetryLakeCheck.assertEveryMessageOnce(lake, parquet, DEVICES, PER_DEVICE, Telemetry::device,
                    Telemetry::temperature);
        }

        // ce_id is the Pulsar message id; ce_time the event time; key, topic, publish time and properties as headers
        List<KafkaTopicReader.Record> records = new KafkaTopicReader(kafka.bootstrapServers())
                .readToEnd(PulsarHubConfig.topic(name), Duration.ofSeconds(30));
        long firstWrite = records.stream().mapToLong(KafkaTopicReader.Record::timestamp).min().orElseThrow();
        long lastWrite = records.stream().mapToLong(KafkaTopicReader.Record::timestamp).max().orElseThrow();
        System.out.printf("Pulsar -> Kafka: %d records in %d ms between the first and the last Kafka timestamp "
                + "(%.0f records/s, hub start excluded)%n", records.size(), lastWrite - firstWrite,
                records.size() * 1000.0 / Math.max(1, lastWrite - firstWrite));
        Set<String> published = ids.stream().map(MessageId::toString).collect(Collectors.toSet());
        assertThat(records.stream().map(r -> r.header("ce_id")).collect(Collectors.toSet()))
                .as("every ce_id is a published message id").isEqualTo(published);
        assertThat(records.stream().map(r -> r.header("tributary_pulsar_topic")).distinct().sorted().toList())
                .containsExactly(topic + "-partition-0", topic + "-partition-1", topic + "-partition-2",
                        topic + "-partition-3");
        KafkaTopicReader.Record first = records.get(0);
        int seq = Integer.parseInt(first.header("tributary_pulsar_prop_seq"));
        assertThat(first.header("ce_type")).isEqualTo("io.tributary.pulsar.message");
        assertThat(first.header("ce_source")).isEqualTo("/tributary/sources/" + name);
        assertThat(first.header("ce_subject")).isEqualTo(first.key()).isEqualTo(first.header("tributary_pulsar_key"));
        assertThat(first.header("tributary_pulsar_message_id")).isEqualTo(first.header("ce_id"));
        assertThat(first.header("tributary_pulsar_prop_site")).isEqualTo("north");
        assertThat(first.header("tributary_pulsar_redelivery_count")).isEqualTo("0");
        assertThat(Instant.parse(first.header("ce_time"))).as("the event time, not the publish time")
                .isEqualTo(PulsarHubConfig.eventTime(seq))
                .isEqualTo(Instant.parse(first.header("tributary_pulsar_event_time")));
        assertThat(Instant.parse(first.header("tributary_pulsar_publish_time")))
                .isBetween(Instant.now().minusSeconds(600), Instant.now());
        // and a key's messages are in Kafka in the order they were published
        Map<String, List<Integer>> order = records.stream().collect(Collectors.groupingBy(KafkaTopicReader.Record::key,
                Collectors.mapping(r -> Integer.parseInt(r.header("tributary_pulsar_prop_seq")), Collectors.toList())));
        List<Integer> expected = java.util.stream.IntStream.range(0, PER_DEVICE).boxed().toList();
        order.forEach((key, seqs) -> assertThat(seqs).as("%s in Kafka order", key).isEqualTo(expected));
    }
}
