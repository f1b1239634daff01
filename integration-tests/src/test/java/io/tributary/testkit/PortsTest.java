package io.tributary.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class PortsTest {

    @Test
    void findsAPortThatCanBeBoundOnLoopback() throws Exception {
        int port = Ports.freeLoopbackPort();

        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getByName("127.0.0.1"))) {
            assertThat(socket.getLocalPort()).isEqualTo(port);
            assertThat(Ports.isAccepting(port)).isTrue();
        }
        assertThat(Ports.isAccepting(port)).isFalse();
    }

    @Test
    void shouldGiveUpAtOnceWhenTheServerIsGone() {
        int port = Ports.freeLoopbackPort();

        assertThatThrownBy(() -> Ports.awaitAccepting(port, Duration.ofSeconds(30), () -> false, () -> "server log"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("stopped before it accepted connections")
                .hasMessageContaining("server log");
    }

    @Test
    void shouldGiveUpAfterTheTimeout() {
        int port = Ports.freeLoopbackPort();

        assertThatThrownBy(() -> Ports.awaitAccepting(port, Duration.ofMillis(100), () -> true, () -> ""))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("within 100 ms");
    }
}
