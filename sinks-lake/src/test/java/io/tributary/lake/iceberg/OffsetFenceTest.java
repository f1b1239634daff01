package io.tributary.lake.iceberg;

import static io.tributary.lake.iceberg.OffsetFence.Verdict.COMMIT;
import static io.tributary.lake.iceberg.OffsetFence.Verdict.COMMIT_AFTER_GAP;
import static io.tributary.lake.iceberg.OffsetFence.Verdict.STALE_OVERLAP;
import static io.tributary.lake.iceberg.OffsetFence.Verdict.STALE_TABLE_MOVED;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OffsetFenceTest {

    @Test
    void commitsABatchThatStartsWhereTheTableAndThisMemberAgree() {
        assertThat(OffsetFence.check(100L, 100L, 100)).isEqualTo(COMMIT);
    }

    @Test
    void commitsTheFirstBatchOfAPartitionTheTableHasNeverSeen() {
        assertThat(OffsetFence.check(null, null, 0)).isEqualTo(COMMIT);
        assertThat(OffsetFence.check(null, null, 4711)).isEqualTo(COMMIT);
    }

    @Test
    void refusesAZombieWhoseTableViewIsOutdated() {
        // another member committed [100, 150) after this one recovered at 100
        assertThat(OffsetFence.check(150L, 100L, 100)).isEqualTo(STALE_TABLE_MOVED);
        // another member committed the partition's first rows after this one saw none
        assertThat(OffsetFence.check(50L, null, 0)).isEqualTo(STALE_TABLE_MOVED);
        // the table lost the partition's offsets (recreated) while this member holds an old view
        assertThat(OffsetFence.check(null, 100L, 100)).isEqualTo(STALE_TABLE_MOVED);
    }

    @Test
    void refusesABatchOverlappingCommittedOffsets() {
        assertThat(OffsetFence.check(100L, 100L, 90)).isEqualTo(STALE_OVERLAP);
    }

    @Test
    void commitsAfterOffsetsTheLogNoLongerHolds() {
        assertThat(OffsetFence.check(100L, 100L, 130)).isEqualTo(COMMIT_AFTER_GAP);
        assertThat(OffsetFence.commits(COMMIT_AFTER_GAP)).isTrue();
        assertThat(OffsetFence.commits(STALE_OVERLAP)).isFalse();
    }
}
