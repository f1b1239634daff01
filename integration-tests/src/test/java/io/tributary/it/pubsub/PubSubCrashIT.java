package io.tributary.it.pubsub;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.api.core.ApiFuture;
import com.google.api.core.ApiFutures;
import com.google.cloud.pubsub.v1.Publisher;
import io.tributary.testkit.Await;
import io.tributary.testkit.HubProcess;
import io.tributary.testkit.Lake;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A hub in a child JVM is killed with SIGKILL while Pub/Sub messages stream in, then started again: every message
 * reaches the lake, and no Kafka record is in it twice. Pub/Sub redelivers what the killed hub had not acked once
 * its lease ran out (ackDeadline 10s); what it had written to Kafka but not yet acked comes twice, and is counted.
 */
class PubSubCrashIT extends PubSubServers {

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
    void losesNothingWhenTheHubIsKilledMidStream() throws Exception {
        String name = "ps-crash";
        String topic = PubSubHubConfig.pubsubTopic(name);
        emulator.createTopic(topic);
        emulator.createSubscription(topic, PubSubHubConfig.subscription(name), false);
        Path lakeRoot = work.resolve("lake");
        Path config = PubSubHubConfig.write(work, name, emulator.host(), kafka.bootstrapServers(), lakeRoot, false);
        HubProcess first = startHub(config, "hub-1.log");
        HubProcess second = null;
        try {
            first.waitForLog("Tributary is running", Duration.ofSeconds(60));
            CompletableFuture<Void> publishing = CompletableFuture.runAsync(() -> publishSteadily(topic));

            first.waitForLog("progress: in=", Duration.ofSeconds(60));
            Thread.sleep(1_500);
            assertThat(first.kill9()).isEqualTo(HubProcess.EXIT_SIGKILL);
            assertThat(publishing).as("the kill must land mid-stream").isNotDone();

            second = startHub(config, "hub-2.log");
            second.waitForLog("Tributary is running", Duration.ofSeconds(60));
            publishing.get(60, TimeUnit.SECONDS);
            try (Lake lake = Lake.open()) {
                String table = Lake.parquet(lakeRoot, PubSubHubConfig.table(name));
                long distinct = Await.atLeast(MESSAGES, Duration.ofSeconds(60), () ->
                        lake.count(lakeRoot, PubSubHubConfig.table(name)) == 0 ? 0
                                : ((Number) lake.query("SELECT count(DISTINCT (device_id, seq)) AS n FROM " + table)
                                .get(0).get("n")).longValue());
                assertThat(distinct).as("distinct (device, seq) pairs in the lake").isEqualTo(MESSAGES);

                assertThat(second.stop()).as("a clean stop on SIGTERM").isEqualTo(HubProcess.EXIT_SIGTERM);
                Map<String, Object> totals = lake.query("SELECT count(*) AS n, count(DISTINCT (device_id, seq)) AS "
                        + "messages, count(DISTINCT (kafka_partition, kafka_offset)) AS positions FROM " + table).get(0);
                long rows = (Long) totals.get("n");
                assertThat(totals.get("messages")).isEqualTo((long) MESSAGES);
                assertThat(totals.get("positions")).as("no Kafka record twice in the lake").isEqualTo(rows);
                System.out.printf("Pub/Sub, SIGKILL mid-stream: %d rows for %d messages, %d redelivered and kept%n",
                        rows, MESSAGES, rows - MESSAGES);
            }
        } finally {
            if (second != null) {
                second.close();
            }
            first.close();
        }
    }

    private static void publishSteadily(String topic) {
        try {
            Publisher publisher = emulator.publisher(topic, false);
            try {
                for (int batch = 0; batch < MESSAGES / BATCH; batch++) {
                    List<ApiFuture<String>> ids = new ArrayList<>(BATCH);
                    for (int i = batch * BATCH; i < (batch + 1) * BATCH; i++) {
                        int device = i % DEVICES;
                        int seq = i / DEVICES;
                        ids.add(publisher.publish(PubSubEmulator.message(PubSubHubConfig.payload(device, seq),
                                PubSubHubConfig.attributes(device, seq), "")));
                    }
                    ApiFutures.allAsList(ids).get(30, TimeUnit.SECONDS);
                    Thread.sleep(50);
                }
            } finally {
                PubSubEmulator.shutdown(publisher);
            }
        } catch (Exception e) {
            throw new IllegalStateException("publishing failed", e);
        }
    }
}
