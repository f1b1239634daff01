package io.tributary.it.pulsar;

import io.tributary.testkit.MidStreamKill;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.pulsar.client.api.Producer;
import org.apache.pulsar.client.api.PulsarClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A hub in a child JVM is killed with SIGKILL while Pulsar messages stream in, then started again: every message
 * reaches the lake, and no Kafka record is in it twice. The broker redelivers what the killed hub had not
 * acknowledged as soon as its consumer's connection is gone; what it had written to Kafka but not yet acknowledged
 * comes twice and is kept as an extra row.
 */
class PulsarCrashIT extends PulsarServers {

    static final int DEVICES = 50;
    static final int MESSAGES = 5_000;
    /** Published in batches of this size with a pause between, about 1,000 messages a second. */
    static final int BATCH = 50;

    @TempDir
    Path work;

    @Test
    void redeliversUnacknowledgedMessagesAfterTheHubIsKilledMidStream() throws Exception {
        String name = "pl-crash";
        String topic = PulsarHubConfig.pulsarTopic(name);
        pulsar.createPartitionedTopic(topic, 2);
        Path lakeRoot = work.resolve("lake");
        Path config = PulsarHubConfig.write(work, name, pulsar.serviceUrl(), kafka.bootstrapServers(), lakeRoot,
                "Key_Shared");
        try (PulsarClient client = pulsar.client(); Producer<byte[]> producer = PulsarHubConfig.producer(client, topic)) {
            MidStreamKill.Outcome outcome = MidStreamKill.run(work, config, lakeRoot, PulsarHubConfig.table(name),
                    MESSAGES, Duration.ofSeconds(90), () -> publishSteadily(producer));
            System.out.printf("Pulsar, SIGKILL mid-stream: %d rows for %d messages, %d redelivered and kept%n",
                    outcome.rows(), MESSAGES, outcome.rows() - MESSAGES);
        }
    }

    private static void publishSteadily(Producer<byte[]> producer) {
        try {
            for (int from = 0; from < MESSAGES; from += BATCH) {
                PulsarHubConfig.publish(producer, DEVICES, from, from + BATCH);
                Thread.sleep(50);
            }
        } catch (Exception e) {
            throw new IllegalStateException("publishing failed", e);
        }
    }
}
