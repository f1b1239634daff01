package io.tributary.it.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.connector.SourceDefinition;
import io.tributary.testkit.Mosquitto;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The broker goes away mid-stream; the consumer reconnects, re-subscribes and loses nothing at QoS 1. */
class MqttBrokerRestartIT extends MqttBrokerTestBase {

    private static final int MESSAGES = 3000;

    @ParameterizedTest(name = "MQTT {0}")
    @ValueSource(strings = {"5", "3.1.1"})
    void losesNothingAtQos1WhenTheBrokerRestartsMidStream(String version) throws Exception {
        String prefix = uniquePrefix("restart");
        SourceDefinition source = telemetrySource("restart", prefix, version);
        Collector collector = new Collector();
        MqttSources.route(camel, source, collector);
        camel.start();
        List<String> sent = IntStream.range(0, MESSAGES).mapToObj(i -> "m-" + i).toList();

        CompletableFuture<Void> publishing = CompletableFuture.runAsync(() -> {
            try (Publisher publisher = new Publisher(broker.url(), "device-sim")) {
                for (int i = 0; i < MESSAGES; i++) {
                    publisher.publish(prefix + "/truck-" + (i % 10) + "/telemetry", sent.get(i), 1, false);
                    if (i % 20 == 0) {
                        Thread.sleep(5);
                    }
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Collector.await(() -> collector.completed().size() >= MESSAGES / 5, Duration.ofSeconds(30),
                () -> "only " + collector.completed().size() + " arrived before the restart");
        broker.restart();
        int atRestart = collector.completed().size();

        publishing.get(90, TimeUnit.SECONDS);
        collector.awaitCompleted(sent, Duration.ofSeconds(90));

        assertThat(atRestart).as("the restart happened mid-stream").isLessThan(MESSAGES);
        assertThat(collector.completed()).containsAll(sent);
        assertThat(BrokerLog.connections(broker, "tributary-restart")).as("connections of the consumer")
                .isGreaterThanOrEqualTo(2);
    }

    @ParameterizedTest(name = "MQTT {0}")
    @ValueSource(strings = {"5", "3.1.1"})
    void resubscribesWhenTheBrokerForgotTheSession(String version) throws Exception {
        broker.close();
        broker = BrokerLog.fileLogged(Mosquitto.ephemeral()).start();
        String prefix = uniquePrefix("forgot");
        SourceDefinition source = source("forgot", "[\"%s/#\"]".formatted(prefix), version);
        Collector collector = new Collector();
        MqttSources.route(camel, source, collector);
        camel.start();
        try (Publisher publisher = new Publisher(broker.url(), "device-sim")) {
            publisher.publish(prefix + "/a", "before", 1, false);
        }
        collector.awaitCompleted(List.of("before"), Duration.ofSeconds(10));

        // an ephemeral broker forgets sessions and subscriptions on restart: only the consumer's own
        // re-subscription can make the next message reach it
        broker.restart();
        Collector.await(() -> BrokerLog.connections(broker, "tributary-forgot") >= 2, Duration.ofSeconds(60),
                () -> "the consumer did not reconnect");
        Collector.await(() -> {
            try (Publisher publisher = new Publisher(broker.url(), "device-sim")) {
                publisher.publish(prefix + "/b", "after", 1, false);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return collector.completed().contains("after");
        }, Duration.ofSeconds(30), () -> "no message arrived after the broker lost the subscription");
    }
}
