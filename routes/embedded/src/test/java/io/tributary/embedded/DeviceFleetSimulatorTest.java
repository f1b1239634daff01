package io.tributary.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DeviceFleetSimulatorTest {

    private static final String URL = "tcp://127.0.0.1:1";

    @Test
    void shouldRejectAWildcardInTheTopicPattern() {
        assertThatThrownBy(() -> new DeviceFleetSimulator(URL, "fleet/+/telemetry", 1, 1, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("fleet/+/telemetry")
                .hasMessageContaining("wildcard");
        assertThatThrownBy(() -> new DeviceFleetSimulator(URL, "fleet/#", 1, 1, 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldRejectAnEmptyFleetAndAnUnknownQos() {
        assertThatThrownBy(() -> new DeviceFleetSimulator(URL, "t/{device}", 0, 1, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("devices");
        assertThatThrownBy(() -> new DeviceFleetSimulator(URL, "t/{device}", 1, 1, 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("qos");
        assertThatThrownBy(() -> new DeviceFleetSimulator(" ", "t/{device}", 1, 1, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("mqttUrl");
    }

    @Test
    void shouldFailToStartWithTheBrokerUrlWhenNoBrokerListens() {
        // port 1 on loopback: nothing listens there, the connection is refused at once
        try (DeviceFleetSimulator simulator = new DeviceFleetSimulator(URL, "t/{device}", 1, 1, 1)) {
            assertThatThrownBy(simulator::start)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining(URL);
            assertThat(simulator.published()).isZero();
        }
    }

    @Test
    void closesWithoutHavingStarted() {
        DeviceFleetSimulator simulator = new DeviceFleetSimulator(URL, "t/{device}", 3, 10, 0);

        simulator.close();
        simulator.close();

        assertThatThrownBy(simulator::start).isInstanceOf(IllegalStateException.class);
    }
}
