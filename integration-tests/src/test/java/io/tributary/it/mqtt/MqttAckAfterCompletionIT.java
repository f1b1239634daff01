package io.tributary.it.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.connector.SourceDefinition;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A message is acknowledged to the broker only when its exchange completed: a failed exchange leaves it in the
 * persistent session, and the broker redelivers it, flagged DUP, on the consumer's next connection.
 */
class MqttAckAfterCompletionIT extends MqttBrokerTestBase {

    @ParameterizedTest(name = "MQTT {0}")
    @ValueSource(strings = {"5", "3.1.1"})
    void redeliversAFailedMessageWithDupAfterTheConsumerRestarts(String version) throws Exception {
        String prefix = uniquePrefix("acks");
        SourceDefinition source = telemetrySource("acks", prefix, version);
        Collector collector = new Collector();
        // Kafka "is down" for this one message until the hub restarts
        AtomicBoolean kafkaDown = new AtomicBoolean(true);
        collector.failWhen(r -> r.payload().equals("poison") && kafkaDown.get());
        String route = MqttSources.route(camel, source, collector).get(0);
        camel.start();
        List<String> others = IntStream.range(0, 20).mapToObj(i -> "ok-" + i).toList();

        try (Publisher publisher = new Publisher(broker.url(), "device-sim")) {
            publisher.publish(prefix + "/d1/telemetry", "poison", 1, false);
            for (String payload : others) {
                publisher.publish(prefix + "/d1/telemetry", payload, 1, false);
            }
        }
        collector.awaitCompleted(others, Duration.ofSeconds(10));
        assertThat(collector.deliveriesOf("poison")).first()
                .satisfies(r -> assertThat(r.failed()).isTrue())
                .satisfies(r -> assertThat(r.metadata().redelivered()).isFalse());

        camel.getRouteController().stopRoute(route);
        kafkaDown.set(false);
        int before = collector.all().size();
        camel.getRouteController().startRoute(route);

        collector.awaitCompleted(List.of("poison"), Duration.ofSeconds(20));
        Collector.Received redelivery = collector.deliveriesOf("poison").stream().filter(r -> !r.failed())
                .findFirst().orElseThrow();
        assertThat(redelivery.metadata().redelivered()).isTrue();
        assertThat(redelivery.header("mqtt_duplicate")).isEqualTo("true");
        Thread.sleep(1000);
        assertThat(collector.all().subList(before, collector.all().size()))
                .as("messages whose exchange completed were acknowledged and never come back")
                .allMatch(r -> r.payload().equals("poison"));
    }

    @ParameterizedTest(name = "MQTT {0}")
    @ValueSource(strings = {"5", "3.1.1"})
    void reconnectsByItselfSoTheBrokerRedeliversAFailedMessage(String version) throws Exception {
        String prefix = uniquePrefix("bounce");
        SourceDefinition source = telemetrySource("bounce", prefix, version);
        Collector collector = new Collector();
        // the first two deliveries fail, as when the write to Kafka and then to its dead-letter topic fail
        collector.failWhen(r -> r.payload().equals("flaky") && collector.deliveriesOf("flaky").size() < 2);
        MqttSources.route(camel, source, collector);
        camel.start();

        try (Publisher publisher = new Publisher(broker.url(), "device-sim")) {
            publisher.publish(prefix + "/d2/telemetry", "flaky", 1, false);
            publisher.publish(prefix + "/d2/telemetry", "steady", 1, false);
        }

        collector.awaitCompleted(List.of("flaky", "steady"), Duration.ofSeconds(30));
        assertThat(collector.deliveriesOf("flaky")).extracting(Collector.Received::failed)
                .containsExactly(true, true, false);
        assertThat(collector.deliveriesOf("flaky")).extracting(r -> r.metadata().redelivered())
                .containsExactly(false, true, true);
        assertThat(collector.deliveriesOf("steady")).hasSize(1);
    }

    /**
     * A restart after a crash: the broker sends the messages the dead consumer left unacknowledged the moment the new
     * connection is accepted, ahead of the queued ones. Each must be acknowledged, even those whose exchange completes
     * before the consumer has finished starting: an unacknowledged one would stay in the broker's in-flight window (a
     * full window stops delivery for good) and come back again on the next connection.
     */
    @ParameterizedTest(name = "MQTT {0}")
    @ValueSource(strings = {"5", "3.1.1"})
    void acknowledgesTheBacklogOfAResumedSessionFromItsFirstMessage(String version) throws Exception {
        String prefix = uniquePrefix("backlog");
        SourceDefinition source = telemetrySource("backlog", prefix, version);
        // as many as Mosquitto's in-flight window (max_inflight_messages 20) holds, so delivery stops unless all are acked
        List<String> inFlight = IntStream.range(0, 20).mapToObj(i -> "in-flight-" + i).toList();
        List<String> queued = IntStream.range(0, 100).mapToObj(i -> "queued-" + i).toList();
        try (Publisher publisher = new Publisher(broker.url(), "device-sim")) {
            UnacknowledgedSession.hold(broker.url(), "tributary-backlog", version, prefix + "/+/telemetry",
                    inFlight.size(), () -> {
                        for (String payload : inFlight) {
                            publisher.publish(prefix + "/d4/telemetry", payload, 1, false);
                        }
                    });
            for (String payload : queued) {
                publisher.publish(prefix + "/d4/telemetry", payload, 1, false);
            }
        }
        List<String> all = new java.util.ArrayList<>(inFlight);
        all.addAll(queued);

        Collector collector = new Collector();
        MqttSources.route(camel, source, collector);
        camel.start();
        collector.awaitCompleted(all, Duration.ofSeconds(30));
        camel.stop();
        // a message whose acknowledgement was lost comes back on the next connection of the session
        try (CamelContext restarted = new DefaultCamelContext()) {
            MqttSources.route(restarted, source, collector);
            restarted.start();
            Thread.sleep(2_000);
        }
        assertThat(collector.all()).as("each message delivered once and acknowledged").hasSize(all.size());
    }

    @ParameterizedTest(name = "MQTT {0}")
    @ValueSource(strings = {"5", "3.1.1"})
    void aGracefulStopAcknowledgesTheExchangesInFlightAndHoldsBackTheRest(String version) throws Exception {
        String prefix = uniquePrefix("drain");
        SourceDefinition source = telemetrySource("drain", prefix, version);
        Collector collector = new Collector();
        MqttSources.route(camel, source, collector, 300);
        camel.start();
        List<String> sent = IntStream.range(0, 400).mapToObj(i -> "d-" + i).toList();
        CompletableFuture<Void> publishing = CompletableFuture.runAsync(() -> {
            try (Publisher publisher = new Publisher(broker.url(), "device-sim")) {
                for (String payload : sent) {
                    publisher.publish(prefix + "/d3/telemetry", payload, 1, false);
                    Thread.sleep(2);
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Collector.await(() -> collector.completed().size() >= 20, Duration.ofSeconds(10), () -> "nothing arrived");

        camel.stop();
        int beforeRestart = collector.completed().size();
        try (CamelContext restarted = new DefaultCamelContext()) {
            MqttSources.route(restarted, source, collector, 0);
            restarted.start();
            publishing.get(60, TimeUnit.SECONDS);
            collector.awaitCompleted(sent, Duration.ofSeconds(30));
        }

        assertThat(beforeRestart).as("the stop came mid-stream").isLessThan(sent.size());
        assertThat(collector.all()).as("each message completed exactly once: nothing in flight came back")
                .hasSize(sent.size());
    }
}
