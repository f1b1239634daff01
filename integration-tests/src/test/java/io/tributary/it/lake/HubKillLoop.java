package io.tributary.it.lake;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.testkit.HubConfig;
import io.tributary.testkit.HubProcess;
import io.tributary.testkit.Mosquitto;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The kill-and-restart loop of the whole-hub crash tests, whatever the table format: {@code tributary run --config
 * <dir>} in a child JVM, with {@code lake.instanceId} set, is killed {@value #KILLS} times while {@value #RECORDS}
 * records flow, then runs to the end. Each run rolls at its own random size (2,000-5,000 records, or the format's
 * {@code maxAge}), so the random SIGKILLs land mid-write, mid-commit and mid-publish; every fourth run instead halts
 * itself (no shutdown hook) at one of the format's named commit points, so each window is hit for sure. The test
 * then audits the table its own way.
 *
 * <p>The records are produced straight into the source's Kafka topic while the hub's MQTT source idles: the tests
 * are about the hub's lake side, whose every restart (configuration loading, Camel, the source route, the sinks)
 * they go through; the audit is exact (the topic holds exactly these records, none redelivered by a source); and
 * 100,000 QoS 1 messages through MQTT would take most of the time budget on their own. The source side of a hub
 * crash is {@code HubCrashIT}'s. Static membership is what makes 20 restarts affordable: each restarted hub gets
 * its partitions back at once instead of after the killed one's session timeout.
 */
abstract class HubKillLoop extends LakeKafka {

    static final int RECORDS = 100_000;
    static final int KILLS = 20;
    static final int PARTITIONS = 4;
    static final String INSTANCE_ID = "crash-hub-1";
    private static final Pattern ASSIGNED = LakeRebalanceIT.assignedAll(PARTITIONS);
    private static final String RUNNING = "Tributary is running";

    static Mosquitto mosquitto;

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

    /**
     * The hub's table.
     *
     * @param name        the source's name; its topic is {@code telemetry.<name>}, its table the name with {@code _}
     * @param crashPoints the named commit points a halting run stops at, in turn
     * @param lakeLines   given a run's random roll size, the lines of the source file's {@code lake:} section after
     *                    its columns (format, partitioning, {@code roll}), indented by two spaces
     */
    record CrashTable(String name, List<String> crashPoints, IntFunction<String> lakeLines) {

        String topic() {
            return "telemetry." + name;
        }

        String table() {
            return name.replace('-', '_');
        }
    }

    /** What the loop did, for the test's summary line: the seed, each run's end, each start's time to assignment. */
    record Runs(long seed, List<String> kills, List<Long> toAssigned, long startedNanos) {

        long seconds() {
            return TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - startedNanos);
        }
    }

    /**
     * Kills the hub {@value #KILLS} times while records flow, then runs the last hub until {@code caughtUp} returns
     * (every record produced by then) and stops it: it must stop cleanly, its lake sink never having stopped, and
     * hold its partitions under the static member id.
     */
    static Runs killAndRestart(Path work, CrashTable table, CrashRuns.Step caughtUp) throws Exception {
        createTopics(table.topic(), PARTITIONS);
        Path lake = work.resolve("lake");
        long seed = System.nanoTime();
        Random random = new Random(seed);
        List<String> kills = new ArrayList<>();
        List<Long> toAssigned = new ArrayList<>();
        long started = System.nanoTime();
        List<String> points = table.crashPoints();
        try (SteadyProducer producer = SteadyProducer.start(kafka.bootstrapServers(), table.topic(), RECORDS, 2_500)) {
            for (int run = 1; run <= KILLS; run++) {
                Path config = writeConfig(table, lake, 2_000 + random.nextInt(3_001));
                HubProcess.Builder builder = hub(config, work.resolve("sink-hub-" + run + ".log"));
                String crashPoint = run % 4 == 0
                        ? points.get(run / 4 % points.size()) + "@" + (1 + random.nextInt(3)) : null;
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

            Path config = writeConfig(table, lake, 3_000);
            try (HubProcess last = hub(config, work.resolve("sink-hub-last.log")).start()) {
                last.waitForLog(RUNNING, Duration.ofSeconds(90));
                producer.finish(Duration.ofSeconds(120));
                caughtUp.run();
                assertThat(staticMembers(table.table())).as("the lake consumer's static member id")
                        .containsExactly(Optional.of(INSTANCE_ID + "-" + table.table()));
                assertThat(last.stop()).isEqualTo(HubProcess.EXIT_SIGTERM);
                assertThat(last.log()).contains("Hub stopped").doesNotContain("sink stopped:", "sink stopped;");
            }
        }
        assertThat(kills).hasSize(KILLS);
        return new Runs(seed, kills, toAssigned, started);
    }

    /** The hub's config: this test's static member id and lake root, an MQTT source no one publishes to. */
    private static Path writeConfig(CrashTable table, Path lake, int maxRecords) throws Exception {
        String name = table.name();
        Path dir = HubConfig.write(lake.getParent(), name, kafka.bootstrapServers(), lake, "${HUB_INSTANCE}",
                HubConfig.mqttSource(name, mosquitto.url()) + telemetrySections(name, table, maxRecords));
        return dir;
    }

    /** The shared device, kafka and lake sections, the lake's roll replaced by the table's own lines. */
    private static String telemetrySections(String name, CrashTable table, int maxRecords) {
        String sections = HubConfig.telemetrySections("fromTopic: " + name + "/{device}/telemetry", table.topic(),
                table.table(), maxRecords);
        int roll = sections.indexOf("  roll:");
        assertThat(roll).as("the shared lake section ends with its roll").isPositive();
        return sections.substring(0, roll) + table.lakeLines().apply(maxRecords);
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
