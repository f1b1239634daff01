package io.tributary.testkit.eventhubs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Date;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class StartFilterTest {

    /** Five events: sequence numbers 0..4, offsets 0, 100, .., 400, enqueued at 1000, 2000, .. ms. */
    private static final List<StoredEvent> EVENTS = LongStream.range(0, 5)
            .mapToObj(i -> new StoredEvent(i, Long.toString(i * 100), new Date(1000 * (i + 1)), new byte[0]))
            .toList();

    private static int start(String filter) {
        return StartFilter.parse(filter).firstIndex(EVENTS);
    }

    @Test
    void earliestAndLatest() {
        assertThat(start("amqp.annotation.x-opt-offset > '-1'")).isZero();
        assertThat(start("amqp.annotation.x-opt-offset > '@latest'")).isEqualTo(5);
        assertThat(start(null)).as("no filter reads from the beginning").isZero();
    }

    @Test
    void offsetsExclusiveAndInclusive() {
        assertThat(start("amqp.annotation.x-opt-offset > '200'")).isEqualTo(3);
        assertThat(start("amqp.annotation.x-opt-offset >= '200'")).isEqualTo(2);
        assertThat(start("amqp.annotation.x-opt-offset > '150'")).isEqualTo(2);
        assertThat(start("amqp.annotation.x-opt-offset > '400'")).as("past the end waits for new events").isEqualTo(5);
    }

    @Test
    void sequenceNumbersAndEnqueuedTimes() {
        assertThat(start("amqp.annotation.x-opt-sequence-number > 1")).isEqualTo(2);
        assertThat(start("amqp.annotation.x-opt-sequence-number > '1'")).as("as the SDK writes it").isEqualTo(2);
        assertThat(start("amqp.annotation.x-opt-enqueued-time > '2000'")).isEqualTo(2);
        assertThat(start("amqp.annotation.x-opt-sequence-number >= 1")).isEqualTo(1);
        assertThat(start("amqp.annotation.x-opt-enqueued-time > 2000")).isEqualTo(2);
        assertThat(start("amqp.annotation.x-opt-enqueued-time >= 2000")).isEqualTo(1);
    }

    @Test
    void refusesWhatItDoesNotUnderstand() {
        assertThatThrownBy(() -> StartFilter.parse("amqp.annotation.x-opt-offset < '5'"))
                .hasMessageContaining("unsupported selector filter");
        assertThatThrownBy(() -> StartFilter.parse("amqp.annotation.x-opt-partition-key > '5'"))
                .hasMessageContaining("unsupported selector filter");
        assertThatThrownBy(() -> StartFilter.parse("amqp.annotation.x-opt-offset > 'abc'"))
                .hasMessageContaining("not a number");
    }
}
