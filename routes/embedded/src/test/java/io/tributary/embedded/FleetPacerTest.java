package io.tributary.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class FleetPacerTest {

    @Test
    void makesTheFirstMessageDueAtOnce() {
        FleetPacer pacer = new FleetPacer(10, 0);

        assertThat(pacer.dueAt(Duration.ZERO)).isEqualTo(1);
    }

    @Test
    void accumulatesMessagesAtTheRequestedRate() {
        FleetPacer pacer = new FleetPacer(250, 0);

        assertThat(pacer.dueAt(Duration.ofMillis(999))).isEqualTo(1 + 249);
        assertThat(pacer.dueAt(Duration.ofSeconds(4))).isEqualTo(1 + 1_000);
    }

    @Test
    void handlesRatesBelowOnePerSecond() {
        FleetPacer pacer = new FleetPacer(0.5, 0);

        assertThat(pacer.dueAt(Duration.ofMillis(1_999))).isEqualTo(1);
        assertThat(pacer.dueAt(Duration.ofSeconds(2))).isEqualTo(2);
    }

    @Test
    void stopsAtTheMessageLimit() {
        FleetPacer pacer = new FleetPacer(1_000, 300);

        assertThat(pacer.dueAt(Duration.ofHours(1))).isEqualTo(300);
        assertThat(pacer.isComplete(299)).isFalse();
        assertThat(pacer.isComplete(300)).isTrue();
        assertThat(new FleetPacer(1_000, 0).isComplete(Long.MAX_VALUE)).isFalse();
    }

    @Test
    void ticksNoFasterThanOneMillisecondAndNoSlowerThanATenthOfASecond() {
        assertThat(new FleetPacer(100_000, 0).tick()).isEqualTo(FleetPacer.MIN_TICK);
        assertThat(new FleetPacer(200, 0).tick()).isEqualTo(Duration.ofMillis(5));
        assertThat(new FleetPacer(0.1, 0).tick()).isEqualTo(FleetPacer.MAX_TICK);
    }

    @Test
    void shouldRejectRatesThatAreNotPositiveAndFinite() {
        for (double rate : new double[] {0, -1, Double.NaN, Double.POSITIVE_INFINITY}) {
            assertThatThrownBy(() -> new FleetPacer(rate, 0))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("messagesPerSecond");
        }
    }

    @Test
    void shouldRejectANegativeLimit() {
        assertThatThrownBy(() -> new FleetPacer(1, -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxMessages");
    }
}
