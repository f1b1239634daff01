package io.tributary.it.lake;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.testkit.HubConfig;
import io.tributary.testkit.HubProcess;
import io.tributary.testkit.Mosquitto;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exactly-once under crashes of the whole hub: {@code tributary run --config <dir>} in a child JVM, with
 * {@code lake.instanceId} set, is killed {@value #KILLS} times while {@value #RECORDS} records flow, then runs to
 * the end. Each run rolls at its own random size (2,000-5,000 records, or 1 s), so the random SIGKILLs land
 * mid-write, mid-commit and mid-rename; every fourth run instead halts itself (no shutdown hook) at one named point
 * of the commit protocol, so each window is hit for sure. DuckDB must then see every Kafka position of the topic
 * exactly once and every record, and no staging file or pending manifest may be left.
 *
 * <p>The records are produced straight into the source's Kafka topic while the hub's MQTT source idles: the test
 * is about the hub's lake side, whose every restart (configuration loading, Camel, the source route, the sinks)
 * it goes through; the audit is exact (the topic holds exactly these records, none redelivered by a source); and
 * 100,000 QoS 1 messages through MQTT would take most of the time budget on their own. The source side of a hub
 * crash is {@code HubCrashIT}'s. Static membership is what makes 20 restarts affordable: each restarted hub gets
 * its partitions back at once instead of after the killed one's session timeout.
 */
class HubLakeCrashIT extends LakeKafka {

    static final int RECORDS = 100_000;
    static final int KILLS = 20;
    static final int PARTITIONS = 4;
    static final String INSTANCE_ID = "crash-hub-1";
    static final List<String> CRASH_POINTS = List.of("after-manifest", "after-commit", "mid-publish", "after-stage");
    private static final Pattern ASSIGNED = LakeRebalanceIT.assignedAll(PARTITIONS);
    private static final String RUNNING = "Tributary is running";

    static Mosquitto mosquitto;

    @TempDir
    Path work;

    @BeforeAll
    static void startMosquitto() throws InterruptedException {
        mosquitto = Mosquitto.ephemeral().start();
    }

    @AfterAll
    static void stopMosquitto() {
        if (mosquitto != null) {
            mosquitto.close();
        }
    }

    @Test
    void everyKafkaRecordLandsExactlyOnceThroughTwentyHubKills() throws Exception {
        String name = "hub-crash";
        String topic = "telemetry." + name;
        String table = "hub_crash";
        createTopics(topic, PARTITIONS);
        Path lake = work.resolve("lake");
        long seed = System.nanoTime();
        Random random = new Random(seed);
        List<String> kills = new ArrayList<>();
        List<Long> toAssigned = new ArrayList<>();
        long started = System.nanoTime();
        try (SteadyProducer producer = SteadyProducer.start(kafka.bootstrapServers(), topic, RECORDS, 2_500)) {
            for (int run = 1; run <= KILLS; run++) {
                Path config = writeConfig(name, topic, table, lake, 2_000 + random.nextInt(3_001));
                HubProcess.Builder builder = hub(config, work.resolve("sink-hub-" + run + ".log"));
                String crashPoint = run % 4 == 0
                        ? CRASH_POINTS.get(run / 4 % CRASH_POINTS.size()) + "@" + (1 + random.nextInt(3)) : null;
                if (crashPoint != null) {
                    builder.jvmArg("-Dtributary.lake.crashAt=" + crashPoint);
                }
                long start = System.nanoTime();
                try (HubProcess hub = builder.start()) {
                    LakeRebalanceIT.awaitLog(hub, ASSIGNED, Duration.ofSeconds(90), "the hub owning every partition");
                    toAssigned.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
                    awaitRunning(hub, crashPoint);
                    producer.allow((long) RECORDS * run / (KILLS + 1));
                    kills.add(crashPoint != null ? CrashRuns.haltOrKill(hub, crashPoint)
                            : CrashRuns.killAfter(hub, 800 + random.nextInt(1_500)));
                }
            }
            assertThat(producer.acknowledged()).as("records still to flow after the last kill").isLessThan(RECORDS);

            Path config = writeConfig(name, topic, table, lake, 3_000);
            try (HubProcess last = hub(config, work.resolve("sink-hub-last.log")).start()) {
                last.waitForLog(RUNNING, Duration.ofSeconds(90));
                producer.finish(Duration.ofSeconds(120));
                awaitCaughtUp(table, topic, PARTITIONS, Duration.ofSeconds(120));
                assertThat(staticMembers(table)).as("the lake consumer's static member id")
                        .containsExactly(Optional.of(INSTANCE_ID + "-" + table));
                assertThat(last.stop()).isEqualTo(HubProcess.EXIT_SIGTERM);
                assertThat(last.log()).contains("Hub stopped").doesNotContain("sink stopped:", "sink stopped;");
            }
        }

        LakeAudit audit = LakeAudit.of(lake, table, RECORDS);
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
        System.out.printf("hub kill -9 runs=%d records=%d lost=%d duplicated=%d in %d s (%s; seed %d; start to all"
                        + " partitions assigned, ms: %s)%n  kills: %s%n", kills.size(), RECORDS, audit.lost(),
                audit.duplicated(), seconds, audit.summary(), seed, toAssigned, kills);
        assertThat(kills).hasSize(KILLS);
        assertThat(audit.lost()).as("records missing from the lake").isZero();
        assertThat(audit.duplicated()).as("Kafka records in the lake twice").isZero();
        assertThat(audit.rows()).isEqualTo(RECORDS);
        assertThat(audit.positions()).as("Kafka positions of the topic in the lake").isEqualTo(RECORDS);
        assertThat(audit.leftovers()).as("staging files and pending manifests").isEmpty();
        String logs = CrashRuns.sinkLogs(work);
        assertThat(logs).as("a restart published the files of a commit its predecessor made").contains("finished commit");
        assertThat(logs).as("a restart discarded uncommitted staged files").contains("uncommitted staged file(s)");
    }

    /**
     * The hub's config: this test's static member id and lake root, an MQTT source no one publishes to, and a table
     * rolled every {@code maxRecords} records or second.
     */
    private static Path writeConfig(String name, String topic, String table, Path lake, int maxRecords)
            throws Exception {
        Path dir = HubConfig.write(lake.getParent(), name, kafka.bootstrapServers(), lake, """
                name: %1$s
                type: mqtt
                mqtt:
                  url: %2$s
                  topics: ["%1$s/+/telemetry"]
                  qos: 1
                """.formatted(name, mosquitto.url())
                + HubConfig.telemetrySections("fromTopic: " + name + "/{device}/telemetry", topic, table, maxRecords));
        Files.writeString(dir.resolve("hub.yaml"), """
                kafka:
                  bootstrapServers: %s
                lake:
                  root: %s
                  instanceId: ${HUB_INSTANCE}
                http:
                  port: 0
                """.formatted(kafka.bootstrapServers(), lake));
        return dir;
    }

    /** Waits for the hub to say it runs; a hub with a crash point may halt there first, if its backlog is large. */
    private static void awaitRunning(HubProcess hub, String crashPoint) throws InterruptedException {
        try {
            hub.waitForLog(RUNNING, Duration.ofSeconds(60));
        } catch (AssertionError exited) {
            if (crashPoint == null || hub.isAlive() || !hub.log().contains("Test crash point")) {
                throw exited;
            }
        }
    }

    private static HubProcess.Builder hub(Path config, Path log) {
        return HubProcess.hub("run", "--config", config.toString())
                .env("HUB_INSTANCE", INSTANCE_ID)
                // a quick start matters more than peak speed for processes that live a few seconds
                .jvmArg("-XX:TieredStopAtLevel=1").jvmArg("-XX:+UseSerialGC")
                .workingDirectory(config)
                .log(log);
    }

    private static List<Optional<String>> staticMembers(String table) throws Exception {
        ConsumerGroupDescription group = admin.describeConsumerGroups(List.of("tributary-lake-" + table))
                .describedGroups().get("tributary-lake-" + table).get(30, TimeUnit.SECONDS);
        return group.members().stream().map(MemberDescription::groupInstanceId).toList();
    }
}
