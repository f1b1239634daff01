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
 * Zombie fencing with static membership ({@code lake.instanceId}): a sink process is frozen with SIGSTOP after it
 * wrote a commit manifest and before it committed the offsets; a successor started with the same static member id
 * takes every partition at once, while the frozen one's session is still alive, discards its staged files and
 * commits its own. After SIGCONT the coordinator refuses the zombie's offset commit, so it publishes nothing, and
 * its consumer is fenced for good (FencedInstanceIdException), so its sink stops and says why. The lake holds every
 * record exactly once.
 */
class StaticMemberZombieIT extends LakeKafka {

    static final int RECORDS = 20_000;
    static final int PARTITIONS = 4;
    /** Much longer than the test's freeze, so only the successor's id, never an expired session, can fence. */
    static final Map<String, String> CONSUMER = Map.of("group.instance.id", "zombie-hub-static_zombie",
            "session.timeout.ms", "45000");

    @TempDir
    Path work;

    @Test
    void aSuccessorWithTheSameInstanceIdFencesTheFrozenProcessAtOnce() throws Exception {
        String topic = "static-zombie.in";
        String table = "static_zombie";
        createTopics(topic, PARTITIONS);
        Path lake = work.resolve("lake");
        Pattern ownsAll = LakeRebalanceIT.assignedAll(PARTITIONS);
        HubProcess.Builder zombieBuilder = LakeSinkProcess.builder(kafka.bootstrapServers(), lake, table, topic, 2_000,
                Duration.ofMillis(500), CONSUMER, work.resolve("sink-zombie.log"))
                .jvmArg("-Dtributary.lake.pauseAt=after-manifest@3");
        HubProcess.Builder successorBuilder = LakeSinkProcess.builder(kafka.bootstrapServers(), lake, table, topic,
                2_000, Duration.ofMillis(500), CONSUMER, work.resolve("sink-successor.log"));

        try (SteadyProducer producer = SteadyProducer.start(kafka.bootstrapServers(), topic, RECORDS, 2_000);
             HubProcess zombie = zombieBuilder.start()) {
            LakeRebalanceIT.awaitLog(zombie, ownsAll, Duration.ofSeconds(60), "the zombie-to-be owning every partition");
            producer.allow(RECORDS);
            zombie.waitForLog("Test pause point 'after-manifest' reached", Duration.ofSeconds(60));
            signal(zombie.pid(), "STOP");
            try (HubProcess successor = successorBuilder.start()) {
                try {
                    LakeRebalanceIT.awaitLog(successor, ownsAll, Duration.ofSeconds(30),
                            "the successor taking every partition while the zombie's session is alive");
                    // the successor discards the zombie's staged files and commits files of its own meanwhile
                    successor.waitForLog("uncommitted staged file(s)", Duration.ofSeconds(30));
                    Thread.sleep(2_000);
                    assertThat(producer.isDone()).as("records still flowing when the zombie wakes").isFalse();
                } finally {
                    signal(zombie.pid(), "CONT");
                }
                // FencedInstanceIdException, or CommitFailedException when the heartbeat thread heard of it first
                zombie.waitForLog("this member was fenced (", Duration.ofSeconds(30));
                zombie.waitForLog("another process joined the group with this sink's static member id",
                        Duration.ofSeconds(30));
                assertThat(zombie.waitForExit(Duration.ofSeconds(30))).as("the zombie's process ends").isZero();
                assertThat(zombie.log()).contains("lake sink failed");

                producer.finish(Duration.ofSeconds(120));
                awaitCaughtUp(table, topic, PARTITIONS, Duration.ofSeconds(120));
                assertThat(successor.stop()).isEqualTo(HubProcess.EXIT_SIGTERM);
                assertThat(successor.log()).contains("lake sink stopped").doesNotContain("lake sink failed");
            }
        }

        LakeAudit audit = LakeAudit.of(lake, table, RECORDS);
        System.out.println("static member zombie fenced by its successor: " + audit.summary());
        assertThat(audit.lost()).as("records missing from the lake").isZero();
        assertThat(audit.duplicated()).as("Kafka records in the lake twice").isZero();
        assertThat(audit.rows()).isEqualTo(RECORDS);
        assertThat(audit.leftovers()).as("staging files and pending manifests").isEmpty();
    }
}
