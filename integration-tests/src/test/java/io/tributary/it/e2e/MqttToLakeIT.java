package io.tributary.it.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.message.MessageReader;
import io.cloudevents.kafka.KafkaMessageFactory;
import io.tributary.connector.SourceConnectors;
import io.tributary.routes.config.ConfigLoader;
import io.tributary.routes.config.LoadedConfig;
import io.tributary.routes.config.Variables;
import io.tributary.routes.runtime.Hub;
import io.tributary.testkit.Await;
import io.tributary.testkit.KafkaTopicReader;
import io.tributary.testkit.Lake;
import io.tributary.testkit.MqttPublisher;
import io.tributary.testkit.Telemetry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * MQTT to Kafka to the Parquet lake, end to end on a real Mosquitto and a real KRaft broker, with the hub in this
 * JVM. One broker of each per class; each test has its own MQTT topics, Kafka topic and lake table.
 */
class MqttToLakeIT extends RealBrokers {

    static final int DEVICES = 50;
    static final int PER_DEVICE = 100;
    static final int MESSAGES = DEVICES * PER_DEVICE;

    @TempDir
    Path work;

    private Hub startHub(String name) throws Exception {
        Path dir = HubConfigDir.write(work, name, mosquitto.url(), kafka.bootstrapServers(), work.resolve("lake"));
        LoadedConfig config = new ConfigLoader(SourceConnectors.discover(), Variables.of(Map.of())).load(dir);
        assertThat(config.problems().toString()).isEmpty();
        return Hub.start(config, System.out, 60_000);
    }

    private static void publish(String name, int from, int to) {
        try (MqttPublisher publisher = MqttPublisher.connect(mosquitto.url())) {
            publisher.publish(to - from, 1,
                    i -> name + "/" + Telemetry.device((from + i) % DEVICES) + "/telemetry",
                    i -> Telemetry.payload((from + i) % DEVICES, (from + i) / DEVICES),
                    Duration.ofSeconds(60));
        }
    }

    private long lakeRows(Lake lake, String name) {
        return lake.count(work.resolve("lake"), HubConfigDir.table(name));
    }

    /**
     * A lake sink that stops on its own shows on {@code /health}: here another consumer takes the hub's static member
     * id ({@code lake.instanceId}), as a second hub given the same id would, which fences the hub's lake consumer.
     */
    @Test
    void healthIsDownWhileALakeSinkHasStopped() throws Exception {
        String name = "health-fleet";
        String table = HubConfigDir.table(name);
        Path dir = HubConfigDir.write(work, name, mosquitto.url(), kafka.bootstrapServers(), work.resolve("lake"),
                "health-hub");
        LoadedConfig config = new ConfigLoader(SourceConnectors.discover(), Variables.of(Map.of())).load(dir);
        assertThat(config.problems().toString()).isEmpty();
        try (Hub hub = Hub.start(config, System.out, 60_000); Lake lake = Lake.open()) {
            String lakeEntry = Hub.LAKE_STATUS_PREFIX + table;
            assertThat(hub.routeStatus()).containsEntry(lakeEntry, "Started");
            assertThat(health(hub).statusCode()).isEqualTo(200);
            // the hub's lake consumer is a member of the group before the usurper joins with its id
            publish(name, 0, 10);
            Await.atLeast(10, Duration.ofSeconds(60), () -> lakeRows(lake, name));

            Map<String, Object> usurper = Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                    ConsumerConfig.GROUP_ID_CONFIG, "tributary-lake-" + table,
                    ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, "health-hub-" + table,
                    ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName(),
                    ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
            try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(usurper)) {
                consumer.subscribe(List.of(HubConfigDir.topic(name)));
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (!"Stopped".equals(hub.routeStatus().get(lakeEntry)) && System.nanoTime() < deadline) {
                    consumer.poll(Duration.ofMillis(200));
                }
            }
            assertThat(hub.routeStatus()).containsEntry(lakeEntry, "Stopped");
            HttpResponse<String> health = health(hub);
            assertThat(health.statusCode()).isEqualTo(503);
            assertThat(health.body()).contains("\"status\":\"DOWN\"").contains("\"" + lakeEntry + "\":\"Stopped\"");
        }
    }

    private static HttpResponse<String> health(Hub hub) throws Exception {
        URI uri = URI.create("http://127.0.0.1:" + hub.httpPort().orElseThrow() + "/health");
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void deliversEveryQos1MessageOfFiftyDevicesIntoTheLake() throws Exception {
        String name = "e2e-fleet";
        try (Hub hub = startHub(name); Lake lake = Lake.open()) {
            publish(name, 0, MESSAGES);
            assertThat(Await.atLeast(MESSAGES, Duration.ofSeconds(90), () -> lakeRows(lake, name))).isEqualTo(MESSAGES);
        }
        try (Lake lake = Lake.open()) {
            String table = Lake.parquet(work.resolve("lake"), HubConfigDir.table(name));
            Map<String, Object> totals = lake.query("SELECT count(*) AS n, count(DISTINCT device_id) AS devices, "
                    + "count(DISTINCT (kafka_partition, kafka_offset)) AS positions, "
                    + "count(DISTINCT (device_id, seq)) AS messages FROM " + table).get(0);
            assertThat(totals).containsEntry("n", (long) MESSAGES).containsEntry("devices", (long) DEVICES)
                    .containsEntry("positions", (long) MESSAGES).containsEntry("messages", (long) MESSAGES);

            List<Map<String, Object>> perDevice = lake.query("SELECT device_id, avg(temperature) AS t, count(*) AS n, "
                    + "min(event_time) AS first FROM " + table + " GROUP BY device_id ORDER BY device_id");
            assertThat(perDevice).hasSize(DEVICES);
            for (int d = 0; d < DEVICES; d++) {
                Map<String, Object> row = perDevice.get(d);
                assertThat(row.get("device_id")).isEqualTo(Telemetry.device(d));
                assertThat(row.get("n")).isEqualTo((long) PER_DEVICE);
                assertThat(((Number) row.get("t")).doubleValue())
                        .isCloseTo(Telemetry.expectedAverage(d, PER_DEVICE), within(1e-9));
            }
            List<Map<String, Object>> partitions = lake.query("SELECT DISTINCT dt FROM " + table);
            assertThat(partitions).singleElement().satisfies(r -> assertThat(r.get("dt").toString()).isEqualTo("2026-11-21"));
        }
    }

    @Test
    void writesKeyedCloudEventsWithTheUntouchedPayload() throws Exception {
        String name = "e2e-cloudevents";
        try (Hub hub = startHub(name)) {
            publish(name, 0, 3);
            List<KafkaTopicReader.Record> records = new KafkaTopicReader(kafka.bootstrapServers())
                    .read(HubConfigDir.topic(name), 3, Duration.ofSeconds(30));
            assertThat(records).hasSize(3);
            KafkaTopicReader.Record first = records.stream().filter(r -> r.key().equals("dev-000")).findFirst().orElseThrow();
            assertThat(first.value()).isEqualTo(Telemetry.payload(0, 0));

            // read the headers with the CloudEvents SDK, a reader we did not write
            RecordHeaders headers = new RecordHeaders();
            for (String header : List.of("ce_specversion", "ce_id", "ce_source", "ce_type", "ce_time", "ce_subject")) {
                headers.add(header, first.header(header).getBytes(StandardCharsets.UTF_8));
            }
            MessageReader reader = KafkaMessageFactory.createReader(headers, first.value());
            CloudEvent event = reader.toEvent();
            assertThat(event.getSpecVersion().toString()).isEqualTo("1.0");
            assertThat(event.getSubject()).isEqualTo("dev-000");
            assertThat(event.getType()).isEqualTo("io.tributary.mqtt.message");
            assertThat(event.getSource().toString()).isEqualTo("/tributary/sources/" + name);
            assertThat(event.getId()).isNotBlank();
            assertThat(event.getTime()).isNotNull();
            assertThat(first.header("tributary_mqtt_topic")).isEqualTo(name + "/dev-000/telemetry");
            assertThat(first.header("tributary_mqtt_qos")).isEqualTo("1");
            assertThat(first.header("tributary_source")).isEqualTo(name);
        }
    }

    @Test
    void sendsMalformedPayloadsToTheDeadLetterTopicWithReasonsAndKeepsTheGoodRows() throws Exception {
        String name = "e2e-malformed";
        int good = 2_000;
        int bad = 1_000;
        try (Hub hub = startHub(name); Lake lake = Lake.open();
             MqttPublisher publisher = MqttPublisher.connect(mosquitto.url())) {
            // every third message is malformed, in four different ways
            publisher.publish(good + bad, 1,
                    i -> name + "/" + Telemetry.device(i % DEVICES) + "/telemetry",
                    i -> i % 3 == 2 ? malformed(i / 3) : Telemetry.payload(i % DEVICES, i - i / 3),
                    Duration.ofSeconds(60));
            assertThat(Await.atLeast(good, Duration.ofSeconds(60), () -> lakeRows(lake, name))).isEqualTo(good);
            List<KafkaTopicReader.Record> dead = new KafkaTopicReader(kafka.bootstrapServers())
                    .read(HubConfigDir.topic(name) + ".dlq", bad, Duration.ofSeconds(60));
            assertThat(dead).hasSize(bad);
            assertThat(dead).allSatisfy(r -> assertThat(r.header("tributary_dlq_reason")).isNotBlank());
            Map<String, Long> reasons = dead.stream().collect(Collectors.groupingBy(
                    r -> r.header("tributary_dlq_reason").replaceAll("[0-9]+", "N"), Collectors.counting()));
            assertThat(reasons).as("one reason per kind of fault: %s", reasons).hasSize(4);
            assertThat(reasons.keySet()).anySatisfy(reason -> assertThat(reason).containsIgnoringCase("json"));
            assertThat(reasons.keySet()).anySatisfy(reason -> assertThat(reason).contains("temperature"));
            assertThat(reasons.keySet()).anySatisfy(reason -> assertThat(reason).contains("seq"));
            Thread.sleep(1_500); // one more roll: no malformed row may show up late
            assertThat(lakeRows(lake, name)).isEqualTo(good);
        }
    }

    private static byte[] malformed(int i) {
        String text = switch (i % 4) {
            case 0 -> "not json " + i;
            case 1 -> "{\"seq\":" + i + ",\"ts\":\"2026-11-21T08:00:00Z\",\"temp\":\"hot\"}";
            case 2 -> "{\"ts\":\"2026-11-21T08:00:00Z\",\"temp\":20.5}";
            default -> "[" + i + "]";
        };
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void losesNothingAtQos1WhenTheMqttBrokerRestartsMidStream() throws Exception {
        String name = "e2e-restart";
        try (Hub hub = startHub(name); Lake lake = Lake.open()) {
            publish(name, 0, MESSAGES / 2);
            Await.atLeast(MESSAGES / 4, Duration.ofSeconds(30),
                    () -> hub.metrics().totals().getOrDefault("tributary.source.written", 0L));
            mosquitto.restart();
            publish(name, MESSAGES / 2, MESSAGES);
            String table = Lake.parquet(work.resolve("lake"), HubConfigDir.table(name));
            long distinct = Await.atLeast(MESSAGES, Duration.ofSeconds(120), () -> lakeRows(lake, name) == 0 ? 0
                    : ((Number) lake.query("SELECT count(DISTINCT (device_id, seq)) AS n FROM " + table).get(0).get("n")).longValue());
            assertThat(distinct).isEqualTo(MESSAGES);
            Map<String, Object> totals = lake.query("SELECT count(*) AS n, "
                    + "count(DISTINCT (kafka_partition, kafka_offset)) AS positions FROM " + table).get(0);
            // a redelivery may add a row, but never the same Kafka record twice
            assertThat(totals.get("positions")).isEqualTo(totals.get("n"));
            System.out.printf("broker restart: %d rows for %d messages (%d redelivered duplicates)%n",
                    totals.get("n"), MESSAGES, (Long) totals.get("n") - MESSAGES);
        }
    }
}
