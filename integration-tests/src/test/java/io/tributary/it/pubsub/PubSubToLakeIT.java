package io.tributary.it.pubsub;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.pubsub.v1.PubsubMessage;
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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pub/Sub to Kafka to the Parquet lake on Google's emulator and a real KRaft broker, with the hub in this JVM. One
 * emulator and one broker per class; each test has its own Pub/Sub topic and subscription, Kafka topic and table.
 */
class PubSubToLakeIT extends PubSubServers {

    static final int DEVICES = 50;
    static final int PER_DEVICE = 200;
    static final int MESSAGES = DEVICES * PER_DEVICE;

    @TempDir
    Path work;

    private Hub startHub(String name, boolean ordering) throws Exception {
        Path dir = PubSubHubConfig.write(work, name, emulator.host(), kafka.bootstrapServers(), work.resolve("lake"),
                ordering);
        LoadedConfig config = new ConfigLoader(SourceConnectors.discover(), Variables.of(Map.of())).load(dir);
        assertThat(config.problems().toString()).isEmpty();
        return Hub.start(config, System.out, 60_000);
    }

    private static long written(Hub hub) {
        return hub.metrics().totals().getOrDefault("tributary.source.written", 0L);
    }

    @Test
    void deliversTenThousandMessagesWithAttributesIntoTheLake() throws Exception {
        String name = "ps-lake";
        emulator.createTopic(PubSubHubConfig.pubsubTopic(name));
        emulator.createSubscription(PubSubHubConfig.pubsubTopic(name), PubSubHubConfig.subscription(name), false);
        List<PubsubMessage> messages = new ArrayList<>(MESSAGES);
        for (int i = 0; i < MESSAGES; i++) {
            int device = i % DEVICES;
            int seq = i / DEVICES;
            messages.add(PubSubEmulator.message(PubSubHubConfig.payload(device, seq),
                    PubSubHubConfig.attributes(device, seq), ""));
        }
        // a backlog first, so the hub's pace is measured rather than the publisher's
        List<String> ids = emulator.publish(PubSubHubConfig.pubsubTopic(name), messages, false);

        Path lakeRoot = work.resolve("lake");
        String table = PubSubHubConfig.table(name);
        try (Lake lake = Lake.open()) {
            long started = System.nanoTime();
            try (Hub hub = startHub(name, false)) {
                long inKafka = Await.atLeast(MESSAGES, Duration.ofSeconds(60), () -> written(hub));
                double seconds = (System.nanoTime() - started) / 1e9;
                assertThat(inKafka).as("messages written to Kafka").isGreaterThanOrEqualTo(MESSAGES);
                System.out.printf("Pub/Sub -> Kafka: %d messages in %.1f s (%.0f messages/s, hub start included)%n",
                        MESSAGES, seconds, MESSAGES / seconds);
                assertThat(Await.atLeast(MESSAGES, Duration.ofSeconds(30),
                        () -> lake.count(lakeRoot, table))).isGreaterThanOrEqualTo(MESSAGES);
            }
            String parquet = Lake.parquet(lakeRoot, table);
            TelemetryLakeCheck.assertEveryMessageOnce(lake, parquet, DEVICES, PER_DEVICE, Telemetry::device,
                    Telemetry::temperature);
        }

        // the Kafka records carry the message id as ce_id, the publish time as ce_time, and every attribute
        List<KafkaTopicReader.Record> records = new KafkaTopicReader(kafka.bootstrapServers())
                .readToEnd(PubSubHubConfig.topic(name), Duration.ofSeconds(30));
        assertThat(records.stream().map(r -> r.header("ce_id")).distinct().count()).isEqualTo(MESSAGES);
        assertThat(records.stream().map(r -> r.header("ce_id")).toList()).containsAll(ids);
        KafkaTopicReader.Record first = records.get(0);
        assertThat(first.header("ce_type")).isEqualTo("io.tributary.pubsub.message");
        assertThat(first.header("ce_source")).isEqualTo("/tributary/sources/" + name);
        assertThat(first.header("ce_subject")).isEqualTo(first.key());
        assertThat(first.header("tributary_pubsub_message_id")).isEqualTo(first.header("ce_id"));
        assertThat(first.header("tributary_pubsub_attr_deviceId")).isEqualTo(first.key());
        assertThat(first.header("tributary_pubsub_attr_site")).isEqualTo("north");
        assertThat(first.header("tributary_pubsub_attr_seq")).isNotBlank();
        assertThat(Instant.parse(first.header("ce_time")))
                .isEqualTo(Instant.parse(first.header("tributary_pubsub_publish_time")))
                .isBetween(Instant.now().minusSeconds(600), Instant.now());
    }

    @Test
    void keepsThePerKeyOrderOfOrderingKeysIntoKafka() throws Exception {
        String name = "ps-ordered";
        int keys = 20;
        int perKey = 150;
        emulator.createTopic(PubSubHubConfig.pubsubTopic(name));
        emulator.createSubscription(PubSubHubConfig.pubsubTopic(name), PubSubHubConfig.subscription(name), true);
        List<PubsubMessage> messages = new ArrayList<>();
        for (int seq = 0; seq < perKey; seq++) {
            for (int device = 0; device < keys; device++) {
                messages.add(PubSubEmulator.message(PubSubHubConfig.payload(device, seq),
                        PubSubHubConfig.attributes(device, seq), Telemetry.device(device)));
            }
        }
        try (Hub hub = startHub(name, true)) {
            // published while the hub pulls, in several batches, so ordering is exercised on a live stream
            for (int from = 0; from < messages.size(); from += 500) {
                emulator.publish(PubSubHubConfig.pubsubTopic(name),
                        messages.subList(from, Math.min(messages.size(), from + 500)), true);
            }
            assertThat(Await.atLeast(messages.size(), Duration.ofSeconds(60), () -> written(hub)))
                    .isGreaterThanOrEqualTo(messages.size());
        }
        List<KafkaTopicReader.Record> records = new KafkaTopicReader(kafka.bootstrapServers())
                .readToEnd(PubSubHubConfig.topic(name), Duration.ofSeconds(30));
        // records come sorted by partition, then offset: a key lives in one partition, so this is its Kafka order
        Map<String, List<Integer>> order = new HashMap<>();
        for (KafkaTopicReader.Record r : records) {
            assertThat(r.header("tributary_pubsub_ordering_key")).isEqualTo(r.key());
            order.computeIfAbsent(r.key(), k -> new ArrayList<>())
                    .add(Integer.parseInt(r.header("tributary_pubsub_attr_seq")));
        }
        assertThat(order).hasSize(keys);
        List<Integer> published = java.util.stream.IntStream.range(0, perKey).boxed().toList();
        order.forEach((key, seqs) -> assertThat(seqs).as("%s in Kafka order", key).isEqualTo(published));
    }
}
