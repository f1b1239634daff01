package io.tributary.routes.camel;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.connector.SourceConnectors;
import io.tributary.embedded.EmbeddedKafka;
import io.tributary.routes.config.ConfigLoader;
import io.tributary.routes.config.LoadedConfig;
import io.tributary.routes.config.SourceConfig;
import io.tributary.routes.config.Variables;
import io.tributary.routes.envelope.EnvelopeHeaders;
import io.tributary.routes.runtime.HubMetrics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.component.paho.PahoConstants;
import org.apache.camel.component.paho.mqtt5.PahoMqtt5Message;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The route against a real broker: payloads over kafka.maxMessageBytes become cut dead letters, not failures. */
class SourceRouteBuilderIT {

    private static final int MAX_PAYLOAD = 2048;
    private static EmbeddedKafka kafka;

    @TempDir
    Path dir;

    @BeforeAll
    static void startKafka() throws Exception {
        kafka = EmbeddedKafka.start();
    }

    @AfterAll
    static void stopKafka() {
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void deadLettersAnOversizedPayloadCutToTheLimitAndWritesTheRest() throws Exception {
        SourceConfig source = load("oversized");
        Map<String, Object> props = Map.of("bootstrap.servers", kafka.bootstrapServers(), "security.protocol", "PLAINTEXT");
        TopicProvisioner.ensureTopics(props, List.of(source), MAX_PAYLOAD);
        try (CamelContext camel = new DefaultCamelContext()) {
            KafkaEndpoints endpoints = KafkaEndpoints.install(camel, props, "it", MAX_PAYLOAD);
            camel.addRoutes(new SourceRouteBuilder(source, List.of(camel.getEndpoint("direct:source")), endpoints,
                    new HubMetrics()));
            camel.start();

            byte[] small = "{\"id\":\"d-1\",\"temp\":20.5}".getBytes(StandardCharsets.UTF_8);
            byte[] big = ("{\"id\":\"d-2\",\"blob\":\"" + "x".repeat(5_000) + "\"}").getBytes(StandardCharsets.UTF_8);
            Exchange smallSent = camel.createProducerTemplate().send("direct:source", mqttMessage(camel, small));
            Exchange bigSent = camel.createProducerTemplate().send("direct:source", mqttMessage(camel, big));

            // both complete, so the source acknowledges both: one is in the topic, the other a dead letter
            assertThat(smallSent.isFailed()).isFalse();
            assertThat(bigSent.isFailed()).isFalse();
            assertThat(read(source.topic(), 1)).singleElement()
                    .satisfies(record -> assertThat(record.value()).isEqualTo(small));
            assertThat(read(source.deadLetterTopic(), 1)).singleElement().satisfies(record -> {
                assertThat(record.value()).hasSize(MAX_PAYLOAD).isEqualTo(Arrays.copyOf(big, MAX_PAYLOAD));
                assertThat(header(record, EnvelopeHeaders.DEAD_LETTER_PAYLOAD_BYTES)).isEqualTo(String.valueOf(big.length));
                assertThat(header(record, EnvelopeHeaders.DEAD_LETTER_REASON))
                        .contains(big.length + " bytes", "kafka.maxMessageBytes (" + MAX_PAYLOAD + ")");
            });
        }
    }

    /** What the MQTT connector's consumer hands the route: a Paho message, whose flags the metadata mapping reads. */
    private static Exchange mqttMessage(CamelContext camel, byte[] payload) {
        Exchange exchange = new DefaultExchange(camel);
        PahoMqtt5Message message = new PahoMqtt5Message(camel, new MqttMessage(payload));
        message.setHeader(PahoConstants.MQTT_TOPIC, "fleet/d-1/telemetry");
        message.setBody(payload);
        exchange.setIn(message);
        return exchange;
    }

    private SourceConfig load(String name) throws Exception {
        Files.createDirectories(dir.resolve("sources"));
        Files.writeString(dir.resolve("hub.yaml"), "kafka:\n  bootstrapServers: " + kafka.bootstrapServers() + "\n");
        Files.writeString(dir.resolve("sources/" + name + ".yaml"), """
                name: %s
                type: mqtt
                mqtt:
                  url: tcp://127.0.0.1:1883
                  topics: ["fleet/+/telemetry"]
                device:
                  fromPayload: /id
                kafka:
                  topic: it.%s
                  partitions: 1
                """.formatted(name, name));
        LoadedConfig config = new ConfigLoader(SourceConnectors.discover(), Variables.of(Map.of())).load(dir);
        assertThat(config.problems().sorted()).isEmpty();
        return config.sources().get(0);
    }

    private static List<ConsumerRecord<String, byte[]>> read(String topic, int expected) {
        Map<String, Object> props = Map.of("bootstrap.servers", kafka.bootstrapServers(), "group.id", "it-" + topic,
                "auto.offset.reset", "earliest");
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer =
                     new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (records.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            // one more short poll: anything beyond what was expected would be a duplicate
            consumer.poll(Duration.ofMillis(500)).forEach(records::add);
        }
        return records;
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
