package io.tributary.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class MqttPublisherIT {

    private static Mosquitto mosquitto;

    @BeforeAll
    static void startMosquitto() throws Exception {
        mosquitto = Mosquitto.ephemeral().start();
    }

    @AfterAll
    static void stopMosquitto() {
        if (mosquitto != null) {
            mosquitto.close();
        }
    }

    @Test
    void publishesEveryMessageAtQos1() throws Exception {
        assertDelivered("qos1-it", 1, 2_000);
    }

    @Test
    void publishesEveryMessageAtQos0() throws Exception {
        assertDelivered("qos0-it", 0, 2_000);
    }

    @Test
    void publishesASingleMessage() throws Exception {
        try (CollectingSubscriber subscriber = new CollectingSubscriber(mosquitto.url(), "single-sub", false)
                .subscribe("single-it", 1);
                MqttPublisher publisher = MqttPublisher.connect(mosquitto.url())) {
            publisher.publish("single-it", "hello", 1);

            assertThat(subscriber.await(1, Duration.ofSeconds(10))).isEqualTo(1);
            assertThat(subscriber.payloads()).containsExactly("hello");
        }
    }

    @Test
    void shouldNameTheUrlWhenNoBrokerListens() {
        String url = "tcp://127.0.0.1:" + Ports.freeLoopbackPort();

        assertThatThrownBy(() -> MqttPublisher.connect(url))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(url);
    }

    private static void assertDelivered(String topicRoot, int qos, int count) throws Exception {
        try (CollectingSubscriber subscriber = new CollectingSubscriber(mosquitto.url(), topicRoot + "-sub", false)
                .subscribe(topicRoot + "/#", qos);
                MqttPublisher publisher = MqttPublisher.connect(mosquitto.url())) {
            long start = System.nanoTime();
            publisher.publish(count, qos, i -> topicRoot + "/dev-" + (i % 8),
                    i -> Integer.toString(i).getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(30));
            System.out.printf("MqttPublisher: %d messages at QoS %d in %d ms%n", count, qos,
                    Duration.ofNanos(System.nanoTime() - start).toMillis());

            assertThat(subscriber.await(count, Duration.ofSeconds(30))).isEqualTo(count);
            assertThat(subscriber.payloads()).doesNotHaveDuplicates();
        }
    }
}
