package io.tributary.it.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.testkit.Await;
import io.tributary.testkit.HubProcess;
import io.tributary.testkit.Lake;
import io.tributary.testkit.MqttPublisher;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A hub in a child JVM is killed with SIGKILL while QoS 1 messages stream in, then started again: every message
 * reaches the lake, and no Kafka record is in it twice. MQTT may redeliver what the killed hub had written to Kafka
 * but not yet acknowledged; those duplicates are allowed, counted and reported.
 */
class HubCrashIT extends RealBrokers {

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
    void losesNoQos1MessageWhenTheHubIsKilledMidStream() throws Exception {
        String name = "crash-fleet";
        Path config = HubConfigDir.write(work, name, mosquitto.url(), kafka.bootstrapServers(), work.resolve("lake"));
        HubProcess first = startHub(config, "hub-1.log");
        first.waitForLog("Tributary is running", Duration.ofSeconds(60));

        // publish at a steady pace in the background, so the kill lands mid-stream
        CompletableFuture<Void> publishing = CompletableFuture.runAsync(() -> {
            try (MqttPublisher publisher = MqttPublisher.connect(mosquitto.url())) {
                for (int batch = 0; batch < MESSAGES / BATCH; batch++) {
                    int offset = batch * BATCH;
                    publisher.publish(BATCH, 1,
                            i -> name + "/" + Telemetry.device((offset + i) % DEVICES) + "/telemetry",
                            i -> Telemetry.payload((offset + i) % DEVICES, (offset + i) / DEVICES),
                            Duration.ofSeconds(30));
                    Thread.sleep(50);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        });

        first.waitForLog("progress: in=", Duration.ofSeconds(60));
        Thread.sleep(1_500);
        int killed = first.kill9();
        assertThat(killed).isEqualTo(HubProcess.EXIT_SIGKILL);
        assertThat(publishing).as("the kill must land mid-stream").isNotDone();

        HubProcess second = startHub(config, "hub-2.log");
        try (Lake lake = Lake.open()) {
            second.waitForLog("Tributary is running", Duration.ofSeconds(60));
            publishing.get(120, TimeUnit.SECONDS);
            String table = Lake.parquet(work.resolve("lake"), HubConfigDir.table(name));
            long distinct = Await.atLeast(MESSAGES, Duration.ofSeconds(120), () ->
                    lake.count(work.resolve("lake"), HubConfigDir.table(name)) == 0 ? 0
                            : ((Number) lake.query("SELECT count(DISTINCT (device_id, seq)) AS n FROM " + table)
                            .get(0).get("n")).longValue());
            assertThat(distinct).as("distinct (device, seq) pairs in the lake").isEqualTo(MESSAGES);

            assertThat(second.stop()).as("a clean stop on SIGTERM").isEqualTo(HubProcess.EXIT_SIGTERM);
            assertThat(second.log()).contains("Hub stopped");
            Map<String, Object> totals = lake.query("SELECT count(*) AS n, count(DISTINCT (device_id, seq)) AS messages, "
                    + "count(DISTINCT (kafka_partition, kafka_offset)) AS positions FROM " + table).get(0);
            long rows = (Long) totals.get("n");
            assertThat(totals.get("messages")).isEqualTo((long) MESSAGES);
            assertThat(totals.get("positions")).as("no Kafka record twice in the lake").isEqualTo(rows);
            System.out.printf("SIGKILL mid-stream: %d rows for %d messages, %d redelivered by MQTT and kept%n",
                    rows, MESSAGES, rows - MESSAGES);
        } finally {
            second.close();
            first.close();
        }
    }
}
