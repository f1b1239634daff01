package io.tributary.lake;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The consumer and dead-letter producer settings of a lake sink: the caller's connection settings
 * (bootstrap servers, security) plus the settings the commit protocol depends on. A caller value
 * that contradicts the protocol is an error, not silently replaced.
 */
final class KafkaClientConfig {

    static final String GROUP_PREFIX = "tributary-lake-";

    private KafkaClientConfig() {
    }

    static Map<String, Object> consumer(LakeTable table, Map<String, Object> clientProps) {
        Map<String, Object> owned = new HashMap<>();
        owned.put(ConsumerConfig.GROUP_ID_CONFIG, GROUP_PREFIX + table.name());
        // offsets are committed by the Committer, only after the files holding them are visible
        owned.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        // aborted transactions must never reach a file: a replay would not see them either
        owned.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        owned.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        owned.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        owned.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return merge(table, clientProps, owned, "consumer");
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
