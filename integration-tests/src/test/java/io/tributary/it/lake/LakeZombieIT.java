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
 * Zombie fencing: one of two sink processes is frozen with SIGSTOP at the worst moment, after it
 * wrote a commit manifest and before it committed the offsets (a test pause point holds it there
 * long enough to send the signal). Its session expires, the other process takes its partitions,
 * discards the frozen one's staged files and commits its own. After SIGCONT the zombie's offset
 * commit is refused by the group coordinator, so it publishes nothing: the lake holds every record
 * exactly once, and the zombie says it was fenced.
 */
class LakeZombieIT extends LakeKafka {

    static final int RECORDS = 30_000;
    static final int PARTITIONS = 4;

    @TempDir
    Path work;

    @Test
    void aFrozenProcessThatLostItsPartitionsCannotPublishAfterItWakes() throws Exception {
        String topic = "lake-zombie.in";
        String table = "lake_zombie";
        createTopics(topic, PARTITIONS);
        Path lake = work.resolve("lake");
        HubProcess.Builder zombieBuilder = LakeSinkProcess.builder(kafka.bootstrapServers(), lake, table, topic, 2_000,
                Duration.ofMillis(500), LakeRebalanceIT.CONSUMER, work.resolve("sink-zombie.log"))
                .jvmArg("-Dtributary.lake.pauseAt=after-manifest@4");
        HubProcess.Builder ownerBuilder = LakeSinkProcess.builder(kafka.bootstrapServers(), lake, table, topic, 2_000,
                Duration.ofMillis(500), LakeRebalanceIT.CONSUMER, work.resolve("sink-owner.log"));

        try (SteadyProducer producer = SteadyProducer.start(kafka.bootstrapServers(), topic, RECORDS, 1_500);
             HubProcess zombie = zombieBuilder.start();
             HubProcess owner = ownerBuilder.start()) {
            LakeRebalanceIT.awaitLog(zombie, Pattern.compile("assigned \\[[^\\]]+\\]"), Duration.ofSeconds(60),
                    "the zombie-to-be owning partitions");
            // both own partitions (so the owner's later take-over of all of them is a new assignment)
            LakeRebalanceIT.awaitLog(owner, Pattern.compile("assigned \\[[^\\]]+\\]"), Duration.ofSeconds(60),
                    "the other process owning partitions");
            producer.allow(RECORDS);

            zombie.waitForLog("Test pause point 'after-manifest' reached", Duration.ofSeconds(60));
            signal(zombie.pid(), "STOP");
            try {
                // the frozen process misses its heartbeats; the group gives every partition to the owner
                Pattern ownsAll = LakeRebalanceIT.assignedAll(PARTITIONS);
                LakeRebalanceIT.awaitMoreMatches(owner, ownsAll, LakeRebalanceIT.matches(owner, ownsAll),
                        Duration.ofSeconds(60), "the owner taking the frozen process's partitions");
                Thread.sleep(2_000); // the owner commits files of its own meanwhile
                assertThat(producer.isDone()).as("records still flowing when the zombie wakes").isFalse();
            } finally {
                signal(zombie.pid(), "CONT");
            }
            zombie.waitForLog("this member was fenced", Duration.ofSeconds(60));

            producer.finish(Duration.ofSeconds(120));
            awaitCaughtUp(table, topic, PARTITIONS, Duration.ofSeconds(120));
            assertThat(zombie.stop()).isEqualTo(HubProcess.EXIT_SIGTERM);
            assertThat(owner.stop()).isEqualTo(HubProcess.EXIT_SIGTERM);
            assertThat(owner.log()).contains("uncommitted staged file(s)");
        }

        LakeAudit audit = LakeAudit.of(lake, table, RECORDS);
        System.out.println("zombie fenced after SIGSTOP/SIGCONT: " + audit.summary());
        assertThat(audit.lost()).as("records missing from the lake").isZero();
        assertThat(audit.duplicated()).as("Kafka records in the lake twice").isZero();
        assertThat(audit.rows()).isEqualTo(RECORDS);
        assertThat(audit.leftovers()).isEmpty();
    }
}
