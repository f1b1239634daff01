package io.tributary.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class MosquittoIT {

    private static Mosquitto mosquitto;

    @BeforeAll
    static void startMosquitto() throws Exception {
        long start = System.nanoTime();
        mosquitto = Mosquitto.persistent().start();
        System.out.printf("Mosquitto started in %d ms%n", Duration.ofNanos(System.nanoTime() - start).toMillis());
    }

    @AfterAll
    static void stopMosquitto() {
        if (mosquitto != null) {
            mosquitto.close();
            assertThat(mosquitto.directory()).doesNotExist();
        }
    }

    @Test
    void listensOnLoopbackAtItsUrl() {
        assertThat(mosquitto.isRunning()).isTrue();
        assertThat(mosquitto.url()).isEqualTo("tcp://127.0.0.1:" + mosquitto.port());
        assertThat(Ports.isAccepting(mosquitto.port())).isTrue();
        assertThat(mosquitto.log()).contains("Opening ipv4 listen socket on port " + mosquitto.port());
    }

    @Test
    void logsConnectionsWhileRunning() throws Exception {
        try (MqttPublisher publisher = MqttPublisher.connect(mosquitto.url(), "mosquitto-it-logged")) {
            // Mosquitto writes its log file line by line; a short wait covers the file system only
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (!mosquitto.log().contains("as mosquitto-it-logged") && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(mosquitto.log()).contains("New client connected from 127.0.0.1").contains("as mosquitto-it-logged");
        }
    }

    @Test
    void redeliversQueuedQos1MessagesToAPersistentSessionAfterARestart() throws Exception {
        String clientId = "mosquitto-it-persistent";
        try (CollectingSubscriber offline = new CollectingSubscriber(mosquitto.url(), clientId, true)) {
            offline.subscribe("restart-it/#", 1).disconnect();
        }
        try (MqttPublisher publisher = MqttPublisher.connect(mosquitto.url())) {
            publisher.publish(200, 1, i -> "restart-it/dev-" + (i % 4),
                    i -> ("m" + i).getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(20));
        }
        int portBefore = mosquitto.port();
        long pidBefore = mosquitto.pid();

        long restart = System.nanoTime();
        mosquitto.restart();
        System.out.printf("Mosquitto restarted in %d ms%n", Duration.ofNanos(System.nanoTime() - restart).toMillis());

        assertThat(mosquitto.port()).isEqualTo(portBefore);
        assertThat(mosquitto.pid()).isNotEqualTo(pidBefore);
        try (CollectingSubscriber back = new CollectingSubscriber(mosquitto.url(), clientId, true)) {
            assertThat(back.await(200, Duration.ofSeconds(20))).isEqualTo(200);
            List<String> expected = IntStream.range(0, 200).mapToObj(i -> "m" + i).toList();
            assertThat(back.payloads()).containsExactlyInAnyOrderElementsOf(expected);
        }
    }
}
