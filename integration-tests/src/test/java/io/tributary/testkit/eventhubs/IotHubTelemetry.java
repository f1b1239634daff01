package io.tributary.testkit.eventhubs;

import java.util.List;

/**
 * Where a test's IoT Hub telemetry goes: the {@link EventHubsTestServer} by default, or Microsoft's Event Hubs
 * emulator when {@value #EMULATOR_VARIABLE} holds its connection string (with EntityPath). The same tests run
 * against either; only the test server can be stopped and restarted, and only it starts empty for each test, so
 * tests keep their devices' ids unique and count per device.
 */
public interface IotHubTelemetry extends AutoCloseable {

    /** Environment variable with the connection string of Microsoft's Event Hubs emulator. */
    String EMULATOR_VARIABLE = "TRIBUTARY_TEST_EVENTHUBS_CONNECTION";

    /** A fresh test server with one hub of {@code partitions} partitions, or the emulator's entity when configured. */
    static IotHubTelemetry open(String hub, int partitions) {
        String emulator = System.getenv(EMULATOR_VARIABLE);
        if (emulator != null && !emulator.isBlank()) {
            return new EmulatorTelemetry(emulator);
        }
        return new TestServerTelemetry(EventHubsTestServer.start(hub, partitions));
    }

    /** The built-in endpoint's connection string, with EntityPath. */
    String connectionString();

    List<String> partitionIds();

    /** Publishes in list order per device and returns once every message was accepted. */
    void publish(List<IotHubMessage> messages);

    @Override
    void close();

    /** The test server behind this, so it can be stopped or restarted. */
    final class TestServerTelemetry implements IotHubTelemetry {
        private final EventHubsTestServer server;

        TestServerTelemetry(EventHubsTestServer server) {
            this.server = server;
        }

        public EventHubsTestServer server() {
            return server;
        }

        @Override
        public String connectionString() {
            return server.connectionString();
        }

        @Override
        public List<String> partitionIds() {
            return server.partitionIds();
        }

        @Override
        public void publish(List<IotHubMessage> messages) {
            messages.forEach(server::publish);
        }

        @Override
        public void close() {
            server.close();
        }
    }
}
