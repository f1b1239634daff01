package io.tributary.lake;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The consumer and dead-letter producer settings of a lake sink: the caller's connection settings
 * (bootstrap servers, security) plus the settings the commit protocol depends on. A caller value
 * that contradicts the protocol is an error, not silently replaced. Throughput defaults
 * ({@link #CONSUMER_THROUGHPUT_DEFAULTS}) apply only where the caller sets nothing.
 */
final class KafkaClientConfig {

    static final String GROUP_PREFIX = "tributary-lake-";
    /** What the group coordinator accepts as a {@code group.instance.id}. */
    private static final Pattern INSTANCE_ID = Pattern.compile("[a-zA-Z0-9._-]{1,249}");

    /**
     * Fetch settings for a sink that reads a backlog, overridable by the caller.
     *
     * <p>Why: a consumer keeps at most one fetch in flight per broker, and it leaves a partition
     * out of the next fetch while that partition still has records buffered. With Kafka's defaults
     * (500 records per poll, 1 MiB per partition fetch) a busy partition, say one device's key,
     * stays buffered across several polls, so the pipelined fetch asks only for the idle
     * partitions of the same broker. The broker then holds it for {@code fetch.max.wait.ms} (500 ms),
     * and the busy partition waits behind it: one 1 MiB chunk per ~0.5 s, measured at ~6,000 rows/s
     * (fetch-latency-avg 248 ms, 39 fetches for 20 chunks of 3,000 records; see benchmarks/README.md).
     * <ul>
     *   <li>{@code max.poll.records} large enough that one poll usually drains a whole partition
     *       fetch (1 MiB holds ~3,000 records of ~330 bytes), so the next fetch includes the busy
     *       partition and returns at once; the loop's work per record does not depend on it;</li>
     *   <li>{@code fetch.max.wait.ms} as the bound for when a poll does not drain it (smaller
     *       records): the stall per chunk is 100 ms instead of 500 ms, at the cost of ten idle
     *       fetches per second per broker instead of two. It also bounds how long closing waits.</li>
     * </ul>
     * <p>And a 10 s session timeout (Kafka's default is 45 s): when a hub dies, its partitions stay
     * assigned to it until the session expires, and no row of them reaches the lake meanwhile.
     */
    static final Map<String, Object> CONSUMER_THROUGHPUT_DEFAULTS = Map.of(
            ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "10000",
            ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "100",
            ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, "10000",
            ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, "3000");

    private KafkaClientConfig() {
    }

    static Map<String, Object> consumer(LakeTable table, Map<String, Object> clientProps) {
        return consumer(table, clientProps, Optional.empty());
    }

    /**
     * @param instanceId when present, the consumer is a static member of the table's group with
     *                   {@code group.instance.id = <instanceId>-<table>} (see {@link #staticMemberId})
     */
    static Map<String, Object> consumer(LakeTable table, Map<String, Object> clientProps, Optional<String> instanceId) {
        Map<String, Object> owned = new HashMap<>();
        owned.put(ConsumerConfig.GROUP_ID_CONFIG, GROUP_PREFIX + table.name());
        instanceId.ifPresent(id -> owned.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, staticMemberId(id, table)));
        // offsets are committed by the Committer, only after the files holding them are visible
        owned.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        // aborted transactions must never reach a file: a replay would not see them either
        owned.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        owned.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        owned.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        owned.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        Map<String, Object> withDefaults = new HashMap<>(CONSUMER_THROUGHPUT_DEFAULTS);
        withDefaults.putAll(clientProps);
        return merge(table, withDefaults, owned, "consumer");
    }

    /**
     * The static member id of a process's consumer of one table: one process has one consumer per
     * table, each in the table's own group, so the table name keeps the ids of one process apart
     * and the process's id keeps those of several processes apart.
     *
     * <p>Why static membership: a restarted process that presents the id of its predecessor gets the
     * predecessor's partitions back at once, with no rebalance, instead of waiting for the dead
     * member's session to expire ({@code session.timeout.ms}). The coordinator then refuses
     * everything from the predecessor ({@code FencedInstanceIdException}), which fences it as a
     * generation change would. The price: a member that stops, cleanly or not, keeps its partitions
     * until its session expires, since static members never leave the group.
     *
     * @throws IllegalArgumentException when the coordinator would refuse the id
     */
    static String staticMemberId(String instanceId, LakeTable table) {
        String id = instanceId + "-" + table.name();
        if (instanceId.isEmpty() || !INSTANCE_ID.matcher(id).matches()) {
            throw new IllegalArgumentException("Lake instance id '" + instanceId + "' gives the consumer of lake table '"
                    + table.name() + "' the group.instance.id '" + id + "', which Kafka refuses: use 1 to "
                    + (248 - table.name().length()) + " of a-z A-Z 0-9 . _ -");
        }
        return id;
    }

    static Map<String, Object> deadLetterProducer(LakeTable table, Map<String, Object> clientProps) {
        Map<String, Object> owned = new HashMap<>();
        owned.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        owned.put(ProducerConfig.ACKS_CONFIG, "all");
        owned.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        owned.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return merge(table, clientProps, owned, "dead-letter producer");
    }

    private static Map<String, Object> merge(LakeTable table, Map<String, Object> clientProps,
                                             Map<String, Object> owned, String client) {
        Map<String, Object> merged = new HashMap<>(clientProps);
        for (Map.Entry<String, Object> entry : owned.entrySet()) {
            Object given = clientProps.get(entry.getKey());
            if (given != null && !sameSetting(given, entry.getValue())) {
                throw new IllegalArgumentException("Kafka setting '" + entry.getKey() + "' = '" + given
                        + "' for the " + client + " of lake table '" + table.name() + "' contradicts the lake"
                        + " commit protocol, which needs '" + entry.getValue() + "': remove the setting");
            }
            merged.put(entry.getKey(), entry.getValue());
        }
        return merged;
    }

    private static boolean sameSetting(Object given, Object required) {
        String text = given instanceof Class<?> type ? type.getName() : String.valueOf(given);
        return Objects.equals(text.trim().toLowerCase(java.util.Locale.ROOT),
                String.valueOf(required).toLowerCase(java.util.Locale.ROOT));
    }
}
