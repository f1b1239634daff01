package io.tributary.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The choreography the sources' crash tests share: a hub in a child JVM is killed with SIGKILL while
 * messages stream in, then started again; every message must reach the lake and no Kafka record may
 * be in it twice. What differs per source (the broker, the publishing, the redelivery it promises) stays
 * in the test; the messages carry {@code device_id} and {@code seq} columns, one pair per message.
 */
public final class MidStreamKill {

    /** What the lake held after the restarted hub stopped, and that hub's log. */
    public record Outcome(long rows, String restartedLog) {
    }

    private MidStreamKill() {
    }

    /**
     * Starts the hub on {@code config} (logs {@code hub-1.log}, {@code hub-2.log} in {@code work}), runs
     * {@code publish} in the background once it runs, kills it 1.5 s after its first progress report while
     * publishing is still going, starts it again and waits (each step up to {@code timeout}) for publishing to
     * end and all {@code messages} to be in {@code table} under {@code lakeRoot}, then stops it with SIGTERM.
     */
    public static Outcome run(Path work, Path config, Path lakeRoot, String table, int messages, Duration timeout,
                              Runnable publish) throws Exception {
        HubProcess first = startHub(work, config, "hub-1.log");
        HubProcess second = null;
        try {
            first.waitForLog("Tributary is running", timeout);
            CompletableFuture<Void> publishing = CompletableFuture.runAsync(publish);

            first.waitForLog("progress: in=", Duration.ofSeconds(60));
            Thread.sleep(1_500);
            assertThat(first.kill9()).isEqualTo(HubProcess.EXIT_SIGKILL);
            assertThat(publishing).as("the kill must land mid-stream").isNotDone();

            second = startHub(work, config, "hub-2.log");
            second.waitForLog("Tributary is running", timeout);
            publishing.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            try (Lake lake = Lake.open()) {
                String files = Lake.parquet(lakeRoot, table);
                long distinct = Await.atLeast(messages, timeout, Duration.ofSeconds(1), () ->
                        lake.count(lakeRoot, table) == 0 ? 0
                                : ((Number) lake.query("SELECT count(DISTINCT (device_id, seq)) AS n FROM " + files)
                                .get(0).get("n")).longValue());
                assertThat(distinct).as("distinct (device, seq) pairs in the lake").isEqualTo(messages);

                assertThat(second.stop()).as("a clean stop on SIGTERM").isEqualTo(HubProcess.EXIT_SIGTERM);
                Map<String, Object> totals = lake.query("SELECT count(*) AS n, count(DISTINCT (device_id, seq)) AS "
                        + "messages, count(DISTINCT (kafka_partition, kafka_offset)) AS positions FROM " + files).get(0);
                long rows = (Long) totals.get("n");
                assertThat(totals.get("messages")).isEqualTo((long) messages);
                assertThat(totals.get("positions")).as("no Kafka record twice in the lake").isEqualTo(rows);
                return new Outcome(rows, second.log());
            }
        } finally {
            if (second != null) {
                second.close();
            }
            first.close();
        }
    }

    private static HubProcess startHub(Path work, Path config, String logName) {
        return HubProcess.hub("run", "--config", config.toString(), "--progress-interval", "1000")
                .log(work.resolve(logName))
                .workingDirectory(work)
                .start();
    }
}
