package io.tributary.lake.iceberg;

import java.util.Iterator;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.SnapshotAncestryValidator;

/**
 * Refuses to commit on any parent but the snapshot a decision was made on (its Kafka offsets
 * checked or carried over). Iceberg retries a commit on a newer parent by itself; with this
 * validator a newer parent fails the commit instead, so the caller re-reads and decides again.
 */
final class ParentSnapshotValidator implements SnapshotAncestryValidator {

    private final Long expected;

    ParentSnapshotValidator(Snapshot head) {
        this.expected = head == null ? null : head.snapshotId();
    }

    @Override
    public boolean validate(Iterable<Snapshot> ancestors) {
        Iterator<Snapshot> it = ancestors.iterator();
        Long actual = it.hasNext() ? it.next().snapshotId() : null;
        return expected == null ? actual == null : expected.equals(actual);
    }

    @Override
    public String errorMessage() {
        return "the table changed since its Kafka offsets were read (expected parent snapshot " + expected + ")";
    }
}
