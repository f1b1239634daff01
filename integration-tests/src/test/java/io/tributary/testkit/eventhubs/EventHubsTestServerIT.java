package io.tributary.testkit.eventhubs;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.messaging.eventhubs.EventHubClientBuilder;
import com.azure.messaging.eventhubs.EventHubConsumerClient;
import com.azure.messaging.eventhubs.EventHubProperties;
import com.azure.messaging.eventhubs.PartitionProperties;
import com.azure.messaging.eventhubs.models.EventPosition;
import com.azure.messaging.eventhubs.models.PartitionEvent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Event Hubs SDK's own consumer client against the test server: what the hub's source relies on. */
class EventHubsTestServerIT {

    static EventHubsTestServer server;
    static EventHubConsumerClient client;

    @BeforeAll
    static void start() {
        server = EventHubsTestServer.start("test-hub", 2);
        for (int i = 0; i < 10; i++) {
            server.publish("1", IotHubMessage.json("dev-" + i, "msg-" + i, "{\"seq\":" + i + "}",
                    Map.of("site", "north", "seq", i)));
        }
        server.publish("1", IotHubMessage.json("dev-m", null, "{}", Map.of()).fromModule("edge-filter"));
        client = new EventHubClientBuilder().connectionString(server.connectionString())
                .consumerGroup("$Default").buildConsumerClient();
    }

    @AfterAll
    static void stop() {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private static List<PartitionEvent> read(EventPosition position, int max) {
        List<PartitionEvent> events = new ArrayList<>();
        client.receiveFromPartition("1", max, position, Duration.ofSeconds(3)).forEach(events::add);
        return events;
    }

    @Test
    void answersHubAndPartitionProperties() {
        EventHubProperties hub = client.getEventHubProperties();
        assertThat(hub.getName()).isEqualTo("test-hub");
        assertThat(hub.getPartitionIds()).containsExactly("0", "1");

        PartitionProperties empty = client.getPartitionProperties("0");
        assertThat(empty.isEmpty()).isTrue();
        PartitionProperties one = client.getPartitionProperties("1");
        assertThat(one.isEmpty()).isFalse();
        assertThat(one.getLastEnqueuedSequenceNumber()).isEqualTo(10);
        assertThat(one.getLastEnqueuedTime()).isBetween(Instant.now().minusSeconds(60), Instant.now());
    }

    @Test
    void deliversIotHubShapedEventsFromTheEarliest() {
        List<PartitionEvent> events = read(EventPosition.earliest(), 20);

        assertThat(events).hasSize(11);
        var first = events.get(0).getData();
        assertThat(first.getBodyAsString()).isEqualTo("{\"seq\":0}");
        assertThat(first.getSequenceNumber()).isZero();
        assertThat(first.getOffsetString()).isEqualTo("0");
        assertThat(first.getMessageId()).isEqualTo("msg-0");
        assertThat(first.getContentType()).isEqualTo("application/json");
        assertThat(first.getPartitionKey()).isEqualTo("dev-0");
        assertThat(first.getEnqueuedTime()).isBetween(Instant.now().minusSeconds(60), Instant.now());
        assertThat(first.getProperties()).containsEntry("site", "north").containsEntry("seq", 0);
        assertThat(first.getSystemProperties())
                .containsEntry("iothub-connection-device-id", "dev-0")
                .containsEntry("iothub-message-source", "Telemetry")
                .containsKey("iothub-enqueuedtime")
                .doesNotContainKey("iothub-connection-module-id");
        assertThat(first.getRawAmqpMessage().getProperties().getContentEncoding()).isEqualTo("utf-8");
        var fromModule = events.get(10).getData();
        assertThat(fromModule.getSystemProperties()).containsEntry("iothub-connection-module-id", "edge-filter");
        assertThat(Long.parseLong(events.get(1).getData().getOffsetString())).isGreaterThan(1);
    }

    @Test
    void startsWhereTheSequenceNumberOrOffsetSays() {
        assertThat(read(EventPosition.fromSequenceNumber(4), 20).get(0).getData().getSequenceNumber()).isEqualTo(5);
        assertThat(read(EventPosition.fromSequenceNumber(4, true), 20).get(0).getData().getSequenceNumber())
                .isEqualTo(4);
        String offsetOfThird = read(EventPosition.earliest(), 3).get(2).getData().getOffsetString();
        assertThat(read(EventPosition.fromOffsetString(offsetOfThird), 20).get(0).getData().getSequenceNumber())
                .isEqualTo(3);
        assertThat(read(EventPosition.latest(), 5)).isEmpty();
        assertThat(new String(read(EventPosition.fromEnqueuedTime(Instant.now().minusSeconds(600)), 1).get(0)
                .getData().getBody(), StandardCharsets.UTF_8)).isEqualTo("{\"seq\":0}");
    }

    @Test
    void restartsOnTheSamePortWithItsEventsAndDropsClientsWhenStopped() throws Exception {
        try (EventHubsTestServer other = EventHubsTestServer.start("other-hub", 1)) {
            other.publish("0", IotHubMessage.json("dev-r", "r-0", "{}", Map.of()));
            int port = other.port();
            other.stop();
            assertThat(io.tributary.testkit.Ports.isAccepting(port)).as("stopped").isFalse();
            other.restart();
            try (EventHubConsumerClient again = new EventHubClientBuilder().connectionString(other.connectionString())
                    .consumerGroup("$Default").buildConsumerClient()) {
                assertThat(again.getPartitionProperties("0").getLastEnqueuedSequenceNumber()).isZero();
                assertThat(other.port()).isEqualTo(port);
            }
        }
    }
}
