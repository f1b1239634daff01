package io.tributary.testkit.eventhubs;

import java.util.Date;

/**
 * One event of a partition: its position and the AMQP message as the built-in endpoint delivers it, encoded once.
 *
 * @param offset the offset as the service reports it, a decimal string
 */
record StoredEvent(long sequenceNumber, String offset, Date enqueuedTime, byte[] encoded) {

    long offsetValue() {
        return Long.parseLong(offset);
    }
}
