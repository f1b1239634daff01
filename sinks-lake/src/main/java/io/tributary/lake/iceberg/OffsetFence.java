package io.tributary.lake.iceberg;

/**
 * Decides whether a batch of one Kafka partition may be appended to an Iceberg table, from the
 * offset the table holds now and the offset this committer last saw there. This is the fencing of
 * a zombie (a member that lost the partition without noticing): the table, not Kafka's group,
 * says who is behind.
 */
public final class OffsetFence {

    /** The outcome for one partition. */
    public enum Verdict {
        /** The table is where this committer left it and the batch starts there: append it. */
        COMMIT,
        /**
         * The batch starts after the table's offset. Only offsets the log no longer holds (retention,
         * transaction markers) can lie in between, since the sink reads sequentially from where it
         * resumed; append it.
         */
        COMMIT_AFTER_GAP,
        /** Another member committed this partition since this committer last looked: drop the batch, resume from the table. */
        STALE_TABLE_MOVED,
        /** The batch starts before the table's offset: its rows are partly committed already; drop it. */
        STALE_OVERLAP
    }

    private OffsetFence() {
    }

    /**
     * @param stored      the table's next offset for the partition, or null when no commit covered it
     * @param expected    the next offset this committer last saw or committed, or null when it saw none
     * @param firstOffset the batch's first offset
     */
    public static Verdict check(Long stored, Long expected, long firstOffset) {
        if (stored == null ? expected != null : !stored.equals(expected)) {
            return Verdict.STALE_TABLE_MOVED;
        }
        if (stored == null) {
            return Verdict.COMMIT;
        }
        if (firstOffset < stored) {
            return Verdict.STALE_OVERLAP;
        }
        return firstOffset == stored ? Verdict.COMMIT : Verdict.COMMIT_AFTER_GAP;
    }

    public static boolean commits(Verdict verdict) {
        return verdict == Verdict.COMMIT || verdict == Verdict.COMMIT_AFTER_GAP;
    }
}
