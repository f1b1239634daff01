package io.tributary.it.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.connector.SourceDefinition;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.eclipse.paho.mqttv5.common.packet.UserProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** QoS 1 messages from a real Mosquitto through the connector's Camel endpoints, with their metadata. */
class MqttSourceIT extends MqttBrokerTestBase {

    @ParameterizedTest(name = "MQTT {0}")
    @ValueSource(strings = {"5", "3.1.1"})
    void deliversAThousandQos1MessagesWithTheirMetadata(String version) throws Exception {
        String prefix = uniquePrefix("fleet");
        SourceDefinition source = telemetrySource("fleet", prefix, version);
        Collector collector = new Collector();
        MqttSources.route(camel, source, collector);
        camel.start();

        List<String> sent = new ArrayList<>();
        try (Publisher publisher = new Publisher(broker.url(), "device-sim")) {
            for (int i = 0; i < 1000; i++) {
                String payload = "m-" + i;
                publisher.publish(prefix + "/truck-" + (i % 10) + "/telemetry", payload, 1, false, "application/json",
                        List.of(new UserProperty("seq", Integer.toString(i)), new UserProperty("tag", "a"),
                                new UserProperty("tag", "b")));
                sent.add(payload);
            }
            publisher.publish(prefix + "/other/status", "not-subscribed", 1, false);
        }

        collector.awaitCompleted(sent, Duration.ofSeconds(30));
        Map<String, Collector.Received> byPayload = collector.all().stream()
                .collect(Collectors.toMap(Collector.Received::payload, r -> r, (a, b) -> a));
        assertThat(collector.all()).hasSize(1000).noneMatch(r -> r.payload().equals("not-subscribed"));
        Collector.Received m7 = byPayload.get("m-7");
        assertThat(m7.metadata().topic()).isEqualTo(prefix + "/truck-7/telemetry");
        assertThat(m7.metadata().messageId()).isNull();
        assertThat(m7.metadata().eventTime()).isNull();
        assertThat(m7.metadata().redelivered()).isFalse();
        assertThat(m7.metadata().headers()).containsEntry("mqtt_topic", prefix + "/truck-7/telemetry")
                .containsEntry("mqtt_qos", "1").containsEntry("mqtt_retained", "false")
                .containsEntry("mqtt_duplicate", "false");
        if (version.equals("5")) {
            assertThat(m7.metadata().headers()).containsEntry("mqtt_content_type", "application/json")
                    .containsEntry("mqtt_user_seq", "7").containsEntry("mqtt_user_tag", "a,b");
        } else {
            assertThat(m7.metadata().headers()).doesNotContainKeys("mqtt_content_type", "mqtt_user_seq");
        }
    }

    @ParameterizedTest(name = "MQTT {0}")
    @ValueSource(strings = {"5", "3.1.1"})
    void marksRetainedMessagesAndSubscribesEveryFilter(String version) throws Exception {
        String prefix = uniquePrefix("site");
        try (Publisher publisher = new Publisher(broker.url(), "device-sim")) {
            publisher.publish(prefix + "/a/state", "retained-a", 1, true);
        }
        SourceDefinition source =
                source("site", "[\"%s/+/state\", \"%s/alarms/#\"]".formatted(prefix, prefix), version);
        Collector collector = new Collector();
        assertThat(MqttSources.route(camel, source, collector)).containsExactly("site-0", "site-1");
        camel.start();

        collector.awaitCompleted(List.of("retained-a"), Duration.ofSeconds(10));
        try (Publisher publisher = new Publisher(broker.url(), "device-sim")) {
            publisher.publish(prefix + "/alarms/fire/room-1", "alarm-1", 1, false);
        }
        collector.awaitCompleted(List.of("alarm-1"), Duration.ofSeconds(10));

        assertThat(collector.deliveriesOf("retained-a")).singleElement()
                .satisfies(r -> assertThat(r.header("mqtt_retained")).isEqualTo("true"));
        assertThat(collector.deliveriesOf("alarm-1")).singleElement()
                .satisfies(r -> assertThat(r.metadata().topic()).isEqualTo(prefix + "/alarms/fire/room-1"));
        assertThat(BrokerLog.connections(broker, "tributary-site-0")).isEqualTo(1);
        assertThat(BrokerLog.connections(broker, "tributary-site-1")).isEqualTo(1);
    }
}
