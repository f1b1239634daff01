package io.tributary.connector.azureiothub;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * What of one partition may be checkpointed: the events handed to the route, in the order they were read, and
 * which of them Kafka has acknowledged. The checkpoint candidate is the last event of the longest acknowledged
 * prefix, so a checkpoint never passes an event that is still being written or whose write failed, even when
 * events after it completed first.
 *
 * <p>A failed event stays at the head for good: nothing after it becomes checkpointable, and {@link #failed()}
 * tells the consumer to give the partition up, so it is read again from the last checkpoint. One instance serves
 * one claim of a partition; a new claim starts a new instance. Thread-safe: events complete on Kafka's threads.
 */
final class PartitionProgress {

    /** One event handed to the route. */
    static final class Entry {
        private final long sequenceNumber;
        private final String offset;
        private boolean done;

        private Entry(long sequenceNumber, String offset) {
            this.sequenceNumber = sequenceNumber;
            this.offset = offset;
        }
    }

    /** A position that may be checkpointed. */
    record Position(long sequenceNumber, String offset) {
    }

    private final Deque<Entry> pending = new ArrayDeque<>();
    private Position acknowledged;
    private Position checkpointed;
    private boolean failed;

    /** Records that an event, the next one read from the partition, is handed to the route. */
    synchronized Entry dispatched(long sequenceNumber, String offset) {
        Entry entry = new Entry(sequenceNumber, offset);
        pending.addLast(entry);
        return entry;
    }

    /** Kafka acknowledged the event (or the dead-letter topic took it). */
    synchronized void completed(Entry entry) {
        entry.done = true;
        while (!pending.isEmpty() && pending.peekFirst().done) {
            Entry head = pending.pollFirst();
            acknowledged = new Position(head.sequenceNumber, head.offset);
        }
    }

    /** The event could not be written: it is never acknowledged, so no checkpoint passes it. */
    synchronized void failed(Entry entry) {
        failed = true;
    }

    synchronized boolean failed() {
        return failed;
    }

    /** Events handed to the route and not yet part of the acknowledged prefix. */
    synchronized int inFlight() {
        return pending.size();
    }

    /** The position to checkpoint now, or null when nothing new has been acknowledged since the last call. */
    synchronized Position toCheckpoint() {
        if (acknowledged == null || acknowledged.equals(checkpointed)) {
            return null;
        }
        return acknowledged;
    }

    /** The checkpoint store accepted {@code position}. */
    synchronized void checkpointed(Position position) {
        if (checkpointed == null || position.sequenceNumber() > checkpointed.sequenceNumber()) {
            checkpointed = position;
        }
    }
}
