package io.tributary.testkit.eventhubs;

import java.util.ArrayList;
import java.util.List;

/**
 * The events of one partition in the order they were enqueued. Appended by test threads, read by the server's
 * reactor thread. Sequence numbers start at 0; offsets grow by the size of each event, as byte offsets do, so they
 * differ from sequence numbers and a mix-up of the two shows.
 */
final class PartitionLog {

    private final String id;
    private final List<StoredEvent> events = new ArrayList<>();
    private long nextOffset;

    PartitionLog(String id) {
        this.id = id;
    }

    String id() {
        return id;
    }

    synchronized StoredEvent append(EventEncoder encoder) {
        long sequence = events.size();
        String offset = Long.toString(nextOffset);
        StoredEvent event = encoder.encode(id, sequence, offset);
        nextOffset += Math.max(1, event.encoded().length);
        events.add(event);
        return event;
    }

    synchronized int size() {
        return events.size();
    }

    synchronized StoredEvent get(int index) {
        return events.get(index);
    }

    synchronized StoredEvent last() {
        return events.isEmpty() ? null : events.get(events.size() - 1);
    }

    /** The index of the first event {@code filter} selects; {@link #size()} when none is there yet. */
    synchronized int firstIndex(StartFilter filter) {
        return filter.firstIndex(List.copyOf(events));
    }

    /** Builds the stored form of an event once its position is known. */
    @FunctionalInterface
    interface EventEncoder {
        StoredEvent encode(String partition, long sequenceNumber, String offset);
    }
}
