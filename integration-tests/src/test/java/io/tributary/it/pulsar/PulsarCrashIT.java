package io.tributary.it.pulsar;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.testkit.Await;
import io.tributary.testkit.HubProcess;
import io.tributary.testkit.Lake;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
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

    private HubProcess startHub(Path config, String logName) {
        return HubProcess.hub("run", "--config", config.toString(), "--progress-interval", "1000")
                .log(work.resolve(logName))
                .workingDirectory(work)
                .start();
    }

    @Test
    void redeliversUnacknowledgedMessagesAfterTheHubIsKilledMidStream() throws Exception {
        String name = "pl-crash";
        String topic = PulsarHubConfig.pulsarTopic(name);
        pulsar.createPartitionedTopic(topic, 2);
        Path lakeRoot = work.resolve("lake");
        Path config = PulsarHubConfig.write(work, name, pulsar.serviceUrl(), kafka.bootstrapServers(), lakeRoot,
                "Key_Shared");
        HubProcess first = startHub(config, "hub-1.log");
        HubProcess second = null;
        try (PulsarClient client = pulsar.client(); Producer<byte[]> producer = PulsarHubConfig.producer(client, topic)) {
            first.waitForLog("Tributary is running", Duration.ofSeconds(90));
            CompletableFuture<Void> publishing = CompletableFuture.runAsync(() -> publishSteadily(producer));

            first.waitForLog("progress: in=", Duration.ofSeconds(60));
            Thread.sleep(1_500);
            assertThat(first.kill9()).isEqualTo(HubProcess.EXIT_SIGKILL);
            assertThat(publishing).as("the kill must land mid-stream").isNotDone();

            second = startHub(config, "hub-2.log");
            second.waitForLog("Tributary is running", Duration.ofSeconds(90));
            publishing.get(90, TimeUnit.SECONDS);
            try (Lake lake = Lake.open()) {
                String table = Lake.parquet(lakeRoot, PulsarHubConfig.table(name));
                long distinct = Await.atLeast(MESSAGES, Duration.ofSeconds(90), Duration.ofSeconds(1), () ->
                        lake.count(lakeRoot, PulsarHubConfig.table(name)) == 0 ? 0
                                : ((Number) lake.query("SELECT count(DISTINCT (device_id, seq)) AS n FROM " + table)
                                .get(0).get("n")).longValue());
                assertThat(distinct).as("distinct (device, seq) pairs in the lake").isEqualTo(MESSAGES);

                assertThat(second.stop()).as("a clean stop on SIGTERM").isEqualTo(HubProcess.EXIT_SIGTERM);
                Map<String, Object> totals = lake.query("SELECT count(*) AS n, count(DISTINCT (device_id, seq)) AS "
                        + "messages, count(DISTINCT (kafka_partition, kafka_offset)) AS positions FROM " + table).get(0);
                long rows = (Long) totals.get("n");
                assertThat(totals.get("messages")).isEqualTo((long) MESSAGES);
                assertThat(totals.get("positions")).as("no Kafka record twice in the lake").isEqualTo(rows);
                System.out.printf("Pulsar, SIGKILL mid-stream: %d rows for %d messages, %d redelivered and kept%n",
                        rows, MESSAGES, rows - MESSAGES);
            }
        } finally {
            if (second != null) {
                second.close();
            }
            first.close();
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
