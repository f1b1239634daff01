package io.tributary.it.lake;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.testkit.HubProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scale-out and rebalances: two sink processes share one lake table through the consumer group;
 * the second joins while records flow (the first hands partitions over with a commit), then is
 * killed with SIGKILL mid-stream (the first takes its partitions once its session expires and
 * finishes or undoes what it left). Nothing may be lost or duplicated.
 */
class LakeRebalanceIT extends LakeKafka {

    static final int RECORDS = 30_000;
    static final int PARTITIONS = 4;
    /** The broker's minimum: the survivor takes over about 6 s after the kill. */
    static final Map<String, String> CONSUMER = Map.of("session.timeout.ms", "6000", "heartbeat.interval.ms", "1000");

    @TempDir
    Path work;

    static Pattern assignedAll(int partitions) {
        return Pattern.compile("assigned \\[" + "[^\\],]+-\\d+, ".repeat(partitions - 1) + "[^\\],]+-\\d+\\]");
    }

    static void awaitLog(HubProcess process, Pattern pattern, Duration timeout, String what) throws InterruptedException {
        awaitMoreMatches(process, pattern, 0, timeout, what);
    }

    static long matches(HubProcess process, Pattern pattern) {
        return pattern.matcher(process.log()).results().count();
    }

    /** Waits until the process's log matches {@code pattern} more than {@code before} times. */
    static void awaitMoreMatches(HubProcess process, Pattern pattern, long before, Duration timeout, String what)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (matches(process, pattern) <= before) {
            assertThat(System.nanoTime()).as("waiting for %s\n%s", what, process.logTail()).isLessThan(deadline);
            assertThat(process.isAlive()).as("%s exited while waiting for %s\n%s", process.pid(), what, process.logTail())
                    .isTrue();
            Thread.sleep(100);
        }
    }

    @Test
    void twoProcessesShareATableAndAKilledOneLosesAndDuplicatesNothing() throws Exception {
        String topic = "lake-rebalance.in";
        String table = "lake_rebalance";
        createTopics(topic, PARTITIONS);
        Path lake = work.resolve("lake");
        HubProcess.Builder a = LakeSinkProcess.builder(kafka.bootstrapServers(), lake, table, topic, 2_000,
                Duration.ofMillis(500), CONSUMER, work.resolve("sink-a.log"));
        HubProcess.Builder b = LakeSinkProcess.builder(kafka.bootstrapServers(), lake, table, topic, 2_000,
                Duration.ofMillis(500), CONSUMER, work.resolve("sink-b.log"));

        try (SteadyProducer producer = SteadyProducer.start(kafka.bootstrapServers(), topic, RECORDS, 1_500);
             HubProcess first = a.start()) {
            awaitLog(first, assignedAll(PARTITIONS), Duration.ofSeconds(60), "A owning every partition");
            producer.allow(RECORDS);
            try (HubProcess second = b.start()) {
                // B joins mid-stream: A commits what it hands over, B resumes from there
                awaitLog(second, Pattern.compile("assigned \\[[^\\]]+\\]"), Duration.ofSeconds(60), "B owning partitions");
                Thread.sleep(3_000);
                assertThat(producer.isDone()).as("records still flowing when B is killed").isFalse();
                assertThat(second.kill9()).isEqualTo(HubProcess.EXIT_SIGKILL);
            }
            long ownedAll = matches(first, assignedAll(PARTITIONS));
            awaitMoreMatches(first, assignedAll(PARTITIONS), ownedAll, Duration.ofSeconds(60), "A taking B's partitions");
            producer.finish(Duration.ofSeconds(120));
            awaitCaughtUp(table, topic, PARTITIONS, Duration.ofSeconds(120));
            assertThat(first.stop()).isEqualTo(HubProcess.EXIT_SIGTERM);
        }

        LakeAudit audit = LakeAudit.of(lake, table, RECORDS);
        System.out.println("rebalance + SIGKILL of one of two sinks: " + audit.summary());
        assertThat(audit.lost()).as("records missing from the lake").isZero();
        assertThat(audit.duplicated()).as("Kafka records in the lake twice").isZero();
        assertThat(audit.rows()).isEqualTo(RECORDS);
        assertThat(audit.leftovers()).isEmpty();
    }
}
