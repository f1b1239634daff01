package io.tributary.connector.azureiothub;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PartitionProgressTest {

    private final PartitionProgress progress = new PartitionProgress();

    private List<PartitionProgress.Entry> dispatch(long from, int count) {
        List<PartitionProgress.Entry> entries = new ArrayList<>();
        for (long seq = from; seq < from + count; seq++) {
            entries.add(progress.dispatched(seq, Long.toString(seq * 100)));
        }
        return entries;
    }

    @Test
    void checkpointsNothingBeforeTheFirstEventCompleted() {
        List<PartitionProgress.Entry> events = dispatch(0, 3);
        progress.completed(events.get(1));
        progress.completed(events.get(2));

        assertThat(progress.toCheckpoint()).as("event 0 is still being written").isNull();
        assertThat(progress.inFlight()).isEqualTo(3);
    }

    @Test
    void checkpointsUpToTheLastOfTheCompletedPrefix() {
        List<PartitionProgress.Entry> events = dispatch(10, 5);
        progress.completed(events.get(0));
        progress.completed(events.get(1));
        progress.completed(events.get(3));

        assertThat(progress.toCheckpoint()).isEqualTo(new PartitionProgress.Position(11, "1100"));
        progress.completed(events.get(2));
        assertThat(progress.toCheckpoint()).isEqualTo(new PartitionProgress.Position(13, "1300"));
        assertThat(progress.inFlight()).isEqualTo(1);
    }

    @Test
    void offersAPositionOnlyOnceUntilMoreIsAcknowledged() {
        List<PartitionProgress.Entry> events = dispatch(0, 2);
        progress.completed(events.get(0));
        PartitionProgress.Position first = progress.toCheckpoint();
        progress.checkpointed(first);

        assertThat(progress.toCheckpoint()).isNull();
        progress.completed(events.get(1));
        assertThat(progress.toCheckpoint()).isEqualTo(new PartitionProgress.Position(1, "100"));
    }

    @Test
    void neverPassesAFailedEvent() {
        List<PartitionProgress.Entry> events = dispatch(0, 4);
        progress.completed(events.get(0));
        progress.failed(events.get(1));
        progress.completed(events.get(2));
        progress.completed(events.get(3));

        assertThat(progress.failed()).isTrue();
        assertThat(progress.toCheckpoint()).isEqualTo(new PartitionProgress.Position(0, "0"));
    }

    @Test
    void reachesTheLastEventWhateverTheCompletionOrder() {
        List<PartitionProgress.Entry> events = dispatch(0, 1_000);
        List<PartitionProgress.Entry> shuffled = new ArrayList<>(events);
        Collections.shuffle(shuffled, new Random(42));
        long highestSeen = -1;
        for (PartitionProgress.Entry entry : shuffled) {
            progress.completed(entry);
            PartitionProgress.Position position = progress.toCheckpoint();
            if (position != null) {
                assertThat(position.sequenceNumber()).isGreaterThanOrEqualTo(highestSeen);
                highestSeen = position.sequenceNumber();
                // every event up to the position has completed
                for (int i = 0; i <= position.sequenceNumber(); i++) {
                    assertThat(shuffled.indexOf(events.get(i))).isLessThanOrEqualTo(shuffled.indexOf(entry));
                }
            }
        }
        assertThat(progress.toCheckpoint()).isEqualTo(new PartitionProgress.Position(999, "99900"));
        assertThat(progress.inFlight()).isZero();
    }
}
