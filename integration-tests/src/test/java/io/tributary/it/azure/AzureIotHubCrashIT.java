package io.tributary.it.azure;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.testkit.Await;
import io.tributary.testkit.HubProcess;
import io.tributary.testkit.KafkaTopicReader;
import io.tributary.testkit.Lake;
import io.tributary.testkit.eventhubs.IotHubTelemetry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A hub in a child JVM is killed with SIGKILL while IoT Hub telemetry streams in, then started again: it resumes
 * from the checkpoints in Azurite (after the dead instance's partition ownership expired), every message reaches the
 * lake, and every record that reached Kafka twice was past its partition's checkpoint at the moment of the kill: the
 * uncheckpointed window is the only source of duplicates.
 */
class AzureIotHubCrashIT extends AzureIotHubServers {

    static final int DEVICES = 20;
    static final int PER_DEVICE = 250;
    static final int MESSAGES = DEVICES * PER_DEVICE;
    /** One seq of every device per round, a round every 40 ms: about 500 messages a second for 10 s. */
    static final Duration ROUND_PAUSE = Duration.ofMillis(40);

    @TempDir
    Path work;

    private HubProcess startHub(Path config, Map<String, String> env, String logName) {
        return HubProcess.hub("run", "--config", config.toString(), "--progress-interval", "1000")
                .env(env)
                .log(work.resolve(logName))
                .workingDirectory(work)
                .start();
    }

    @Test
    void resumesFromTheBlobCheckpointsWithoutLossAfterSigkill() throws Exception {
        String name = "iothub-crash";
        Path lakeRoot = work.resolve("lake");
        String topic = IotHubHubConfig.topic(name);
        KafkaTopicReader kafkaReader = new KafkaTopicReader(kafka.bootstrapServers());
        try (IotHubTelemetry hubEndpoint = IotHubTelemetry.open("acme-fleet-hub", 4)) {
            Path config = IotHubHubConfig.write(work, name, kafka.bootstrapServers(), lakeRoot);
            Map<String, String> env = IotHubHubConfig.variables(hubEndpoint.connectionString(),
                    azurite.connectionString());
            HubProcess first = startHub(config, env, "hub-1.log");
            HubProcess second = null;
            Map<String, Long> checkpointsAtKill;
            try {
                first.waitForLog("Tributary is running", Duration.ofSeconds(90));
                CompletableFuture<Void> publishing = CompletableFuture.runAsync(() -> publishSteadily(hubEndpoint,
                        name));
                Await.atLeast(300, Duration.ofSeconds(90), Duration.ofMillis(200),
                        () -> kafkaReader.readToEnd(topic, Duration.ofSeconds(10)).size());
                assertThat(first.kill9()).isEqualTo(HubProcess.EXIT_SIGKILL);
                checkpointsAtKill = CheckpointBlobs.sequenceNumbers(azurite.connectionString(),
                        IotHubHubConfig.container(name));
                assertThat(publishing).as("the kill must land mid-stream").isNotDone();

                second = startHub(config, env, "hub-2.log");
                second.waitForLog("Tributary is running", Duration.ofSeconds(90));
                publishing.get(60, TimeUnit.SECONDS);
                try (Lake lake = Lake.open()) {
                    String table = Lake.parquet(lakeRoot, IotHubHubConfig.table(name));
                    long distinct = Await.atLeast(MESSAGES, Duration.ofSeconds(90), () ->
                            lake.count(lakeRoot, IotHubHubConfig.table(name)) == 0 ? 0
                                    : ((Number) lake.query("SELECT count(DISTINCT (device_id, seq)) AS n FROM "
                                    + table).get(0).get("n")).longValue());
                    assertThat(distinct).as("distinct (device, seq) pairs in the lake").isEqualTo(MESSAGES);
                    assertThat(second.stop()).as("a clean stop on SIGTERM").isEqualTo(HubProcess.EXIT_SIGTERM);
                    Map<String, Object> totals = lake.query("SELECT count(*) AS n, count(DISTINCT device_id) AS d, "
                            + "count(DISTINCT (kafka_partition, kafka_offset)) AS positions FROM " + table).get(0);
                    assertThat(totals.get("d")).isEqualTo((long) DEVICES);
                    assertThat(totals.get("positions")).as("no Kafka record twice in the lake")
                            .isEqualTo(totals.get("n"));
                }
            } finally {
                if (second != null) {
                    second.close();
                }
                first.close();
            }

            List<KafkaTopicReader.Record> records = kafkaReader.readToEnd(topic, Duration.ofSeconds(30));
            Map<String, Long> copies = records.stream().collect(Collectors.groupingBy(
                    r -> r.header("tributary_iothub_partition_id") + "/" + r.header("tributary_iothub_sequence_number"),
                    Collectors.counting()));
            assertThat(copies).as("every event in Kafka").hasSize(MESSAGES);
            Map<String, Long> duplicatesPerPartition = new HashMap<>();
            copies.forEach((position, count) -> {
                if (count > 1) {
                    String partition = position.substring(0, position.indexOf('/'));
                    long sequence = Long.parseLong(position.substring(position.indexOf('/') + 1));
                    assertThat(sequence).as("a duplicate of %s must be past the partition's checkpoint at the kill "
                            + "%s", position, checkpointsAtKill).isGreaterThan(checkpointsAtKill.getOrDefault(partition, -1L));
                    duplicatesPerPartition.merge(partition, count - 1, Long::sum);
                }
            });
            System.out.printf("IoT Hub, SIGKILL mid-stream: %d Kafka records for %d messages; checkpoints at the kill "
                    + "%s; re-read after the restart per partition %s%n", records.size(), MESSAGES,
                    checkpointsAtKill, duplicatesPerPartition);
        }
    }

    private static void publishSteadily(IotHubTelemetry hubEndpoint, String name) {
        try {
            for (int seq = 0; seq < PER_DEVICE; seq++) {
                hubEndpoint.publish(IotHubHubConfig.interleaved(name, DEVICES, seq, seq + 1));
                Thread.sleep(ROUND_PAUSE.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("publishing was interrupted", e);
        }
    }
}
