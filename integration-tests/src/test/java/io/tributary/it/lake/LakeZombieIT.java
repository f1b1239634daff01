package io.tributary.it.lake;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.testkit.HubProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
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
            // frozen until the owner has had 2 s on its partitions (it commits files of its own meanwhile)
            ZombieFencing.freezeUntilFenced(producer, RECORDS, zombie, owner, PARTITIONS, "after-manifest",
                    Duration.ofSeconds(2), "this member was fenced");

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
