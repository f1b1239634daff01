package io.tributary.it.lake;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.testkit.HubProcess;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * The choreography of the lake's zombie-fencing tests, whatever the table format: two sink processes
 * of one table, the zombie-to-be started with a test pause point ({@code -Dtributary.lake.pauseAt}).
 */
final class ZombieFencing {

    private ZombieFencing() {
    }

    /**
     * Once both processes own partitions (so the owner's later take-over of all of them is a new
     * assignment), lets {@code records} flow; freezes the zombie (SIGSTOP) when it reaches
     * {@code pausePoint} until the group has given every partition to the owner and the owner has
     * worked on them for {@code ownerWork}, with records still flowing; wakes it (SIGCONT) and returns
     * once it logs {@code fenced}.
     */
    static void freezeUntilFenced(SteadyProducer producer, long records, HubProcess zombie, HubProcess owner,
                                  int partitions, String pausePoint, Duration ownerWork, String fenced)
            throws Exception {
        LakeRebalanceIT.awaitLog(zombie, Pattern.compile("assigned \\[[^\\]]+\\]"), Duration.ofSeconds(60),
                "the zombie-to-be owning partitions");
        LakeRebalanceIT.awaitLog(owner, Pattern.compile("assigned \\[[^\\]]+\\]"), Duration.ofSeconds(60),
                "the other process owning partitions");
        producer.allow(records);

        zombie.waitForLog("Test pause point '" + pausePoint + "' reached", Duration.ofSeconds(60));
        LakeKafka.signal(zombie.pid(), "STOP");
        try {
            // the frozen process misses its heartbeats; the group gives every partition to the owner
            Pattern ownsAll = LakeRebalanceIT.assignedAll(partitions);
            LakeRebalanceIT.awaitMoreMatches(owner, ownsAll, LakeRebalanceIT.matches(owner, ownsAll),
                    Duration.ofSeconds(60), "the owner taking the frozen process's partitions");
            Thread.sleep(ownerWork.toMillis());
            assertThat(producer.isDone()).as("records still flowing when the zombie wakes").isFalse();
        } finally {
            LakeKafka.signal(zombie.pid(), "CONT");
        }
        zombie.waitForLog(fenced, Duration.ofSeconds(60));
    }
}
