package io.tributary.connector;

import java.time.Instant;
import java.util.Map;

/**
 * What a connector knows about a received message beyond its payload.
 *
 * @param messageId   the broker's id for the message, or null when the protocol has none
 * @param topic       the topic, subject or stream it arrived on, used to derive a device id; may be null
 * @param eventTime   the time the broker attributes to it, or null
 * @param headers     protocol metadata, unprefixed (the route adds the documented prefix)
 * @param redelivered whether the broker marked it as a redelivery
 */
public record MessageMetadata(String messageId, String topic, Instant eventTime, Map<String, String> headers,
                              boolean redelivered) {
}
