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

    public static void ensureTopics(Map<String, Object> clientProperties, List<SourceConfig> sources) throws Exception {
        Map<String, NewTopic> wanted = new HashMap<>();
        for (SourceConfig source : sources) {
            Optional<Short> replication = source.replicationFactor() < 0
                    ? Optional.empty() : Optional.of((short) source.replicationFactor());
            wanted.putIfAbsent(source.topic(), new NewTopic(source.topic(), Optional.of(source.partitions()), replication));
            wanted.putIfAbsent(source.deadLetterTopic(),
                    new NewTopic(source.deadLetterTopic(), Optional.of(source.partitions()), replication));
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
