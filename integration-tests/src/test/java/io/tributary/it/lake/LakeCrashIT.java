package io.tributary.it.lake;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.testkit.HubProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exactly-once under crashes: a lake sink process is killed 20 times while 100,000 records flow
 * into its topic, then runs to the end. Rolls are small and frequent (every 2,000-5,000 records or
 * 500 ms), so random SIGKILLs land mid-write, mid-commit and mid-publish; every fourth run instead
 * halts itself (like SIGKILL, no shutdown hook) at one named point of the commit protocol, so that
 * each window is hit for sure. Afterwards DuckDB must see every record exactly once, and no
 * staging file or pending manifest may be left.
 */
class LakeCrashIT extends LakeKafka {

    static final int RECORDS = 100_000;
    static final int KILLS = 20;
    static final int PARTITIONS = 4;
    static final List<String> CRASH_POINTS = List.of("after-manifest", "after-commit", "mid-publish", "after-stage");

    @TempDir
    Path work;

    @Test
    void everyRecordLandsExactlyOnceThroughTwentyKills() throws Exception {
        String topic = "lake-crash.in";
        String table = "lake_crash";
        createTopics(topic, PARTITIONS);
        Path lake = work.resolve("lake");
        long seed = System.nanoTime();
        Random random = new Random(seed);
        // static membership: a restarted process takes over its predecessor's partitions at once
        Map<String, String> consumer = Map.of("group.instance.id", "lake-crash-sink");
        List<String> kills = new ArrayList<>();
        long started = System.nanoTime();
        try (SteadyProducer producer = SteadyProducer.start(kafka.bootstrapServers(), topic, RECORDS, 2_500)) {
            killTwentyTimes(lake, table, topic, consumer, random, producer, kills);
            assertThat(producer.acknowledged()).as("records still to flow after the last kill").isLessThan(RECORDS);

            CrashRuns.lastRun(LakeSinkProcess.builder(kafka.bootstrapServers(), lake, table, topic, 3_000,
                    Duration.ofMillis(500), consumer, work.resolve("sink-last.log")), () -> {
                producer.finish(Duration.ofSeconds(120));
                awaitCaughtUp(table, topic, PARTITIONS, Duration.ofSeconds(120));
            });
        }

        LakeAudit audit = LakeAudit.of(lake, table, RECORDS);
        System.out.printf("kill -9 runs=%d records=%d lost=%d duplicated=%d (%s; seed %d, %d s)%n  kills: %s%n",
                kills.size(), RECORDS, audit.lost(), audit.duplicated(), audit.summary(), seed,
                TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started), kills);
        assertThat(kills).hasSize(KILLS);
        assertThat(audit.lost()).as("records missing from the lake").isZero();
        assertThat(audit.duplicated()).as("Kafka records in the lake twice").isZero();
        assertThat(audit.rows()).isEqualTo(RECORDS);
        assertThat(audit.positions()).isEqualTo(RECORDS);
        assertThat(audit.leftovers()).as("staging files and pending manifests").isEmpty();
        // the halts after a commit left committed files unpublished, the others left uncommitted ones
        String logs = CrashRuns.sinkLogs(work);
        assertThat(logs).as("a restart published the files of a commit its predecessor made").contains("finished commit");
        assertThat(logs).as("a restart discarded uncommitted staged files").contains("uncommitted staged file(s)");
    }

    /**
     * Each run lets the next share of the records flow once the sink is up, then kills it after a
     * random delay, or lets it halt itself at a crash point.
     */
    private void killTwentyTimes(Path lake, String table, String topic, Map<String, String> consumer, Random random,
                                 SteadyProducer producer, List<String> kills) throws Exception {
        for (int run = 1; run <= KILLS; run++) {
            long maxRecords = 2_000 + random.nextInt(3_001);
            HubProcess.Builder builder = LakeSinkProcess.builder(kafka.bootstrapServers(), lake, table, topic, maxRecords,
                    Duration.ofMillis(500), consumer, work.resolve("sink-" + run + ".log"));
            String crashPoint = run % 4 == 0 ? CRASH_POINTS.get(run / 4 % CRASH_POINTS.size()) + "@" + (1 + random.nextInt(3))
                    : null;
            if (crashPoint != null) {
                builder.jvmArg("-Dtributary.lake.crashAt=" + crashPoint);
            }
            try (HubProcess sink = builder.start()) {
                sink.waitForLog(LakeSinkProcess.RUNNING, Duration.ofSeconds(60));
                producer.allow((long) RECORDS * run / (KILLS + 1));
                kills.add(crashPoint != null ? CrashRuns.haltOrKill(sink, crashPoint)
                        : CrashRuns.killAfter(sink, 1_000 + random.nextInt(1_500)));
            }
        }
    }
}
