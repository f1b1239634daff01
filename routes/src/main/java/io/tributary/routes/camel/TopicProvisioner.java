package io.tributary.routes.camel;

import io.tributary.routes.config.SourceConfig;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Creates the topics sources write to, and their dead-letter topics, when they are missing. */
public final class TopicProvisioner {

    private static final Logger LOG = LoggerFactory.getLogger(TopicProvisioner.class);

    private TopicProvisioner() {
    }

    /**
     * @param maxPayloadBytes the largest payload the routes write: created topics take records that large
     */
    public static void ensureTopics(Map<String, Object> clientProperties, List<SourceConfig> sources,
                                    int maxPayloadBytes) throws Exception {
        Map<String, String> topicConfig =
                Map.of("max.message.bytes", String.valueOf(KafkaEndpoints.maxRecordBytes(maxPayloadBytes)));
        Map<String, NewTopic> wanted = new HashMap<>();
        for (SourceConfig source : sources) {
            Optional<Short> replication = source.replicationFactor() < 0
                    ? Optional.empty() : Optional.of((short) source.replicationFactor());
            for (String topic : List.of(source.topic(), source.deadLetterTopic())) {
                wanted.putIfAbsent(topic,
                        new NewTopic(topic, Optional.of(source.partitions()), replication).configs(topicConfig));
            }
        }
        Map<String, Object> props = new HashMap<>(clientProperties);
        props.put("request.timeout.ms", 15_000);
        props.put("default.api.timeout.ms", 30_000);
        try (Admin admin = Admin.create(props)) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = new ArrayList<>();
            wanted.values().stream().filter(t -> !existing.contains(t.name())).forEach(missing::add);
            if (missing.isEmpty()) {
                return;
            }
            for (var entry : admin.createTopics(missing).values().entrySet()) {
                try {
                    entry.getValue().get(30, TimeUnit.SECONDS);
                    LOG.info("Created Kafka topic {}", entry.getKey());
                } catch (ExecutionException e) {
                    // another hub instance may have created it in the meantime: that is fine
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
        }
    }
}
