package io.tributary.it.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.connector.SourceConnectors;
import io.tributary.embedded.EmbeddedKafka;
import io.tributary.routes.config.ConfigLoader;
import io.tributary.routes.config.LoadedConfig;
import io.tributary.routes.config.Variables;
import io.tributary.routes.runtime.Hub;
import io.tributary.testkit.Await;
import io.tributary.testkit.KafkaTopicReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contract every source passes (STYLE.md item 9, after Redpanda Connect's {@code StreamTests}): it opens and
 * closes cleanly, a batch arrives complete and in order per key, parallel publishers all arrive, a hub stopped
 * while reading a backlog (in-process; SIGKILL is covered per source elsewhere) and started again loses nothing,
 * and a malformed message goes to the dead-letter topic with a reason. The hub runs in this JVM on a real KRaft
 * broker that this class starts; the source's broker is the subclass's.
 *
 * <p>A source joins the suite with a subclass named {@code <Protocol>SourceContractIT} that implements four
 * methods:
 * <ul>
 *   <li>{@link #startBroker()} and {@link #stopBroker()}: once per class, around all cases;</li>
 *   <li>{@link #protocolYaml(String)}: the {@code type:} line and the protocol section of a source named
 *       {@code name}, reading from a topic, subscription or stream of its own (derive it from the name);</li>
 *   <li>{@link #publish(String, List)}: sends messages to that source's place, in list order, and returns once the
 *       broker accepted all of them. Messages of one device must be delivered in that order (use the device as the
 *       ordering key, partition key or topic level, whatever the protocol orders by). It is called from several
 *       threads at once, and only after a hub with that source was started, so a source may create its
 *       subscription or stream at start.</li>
 * </ul>
 * The suite writes everything else: the device id comes from the payload ({@code device.fromPayload: /device}),
 * records go to the Kafka topic {@code contract.<name>}, and a payload that is not JSON is the malformed message
 * (override {@link #publishMalformed} when the protocol needs another way to send it). Sizes are small, so a whole
 * class stays well under a minute.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class SourceContract {

    /** One message: the device it is from (its Kafka key) and its payload. */
    public record Message(String device, byte[] payload) {
    }

    protected static final Duration ARRIVAL_TIMEOUT = Duration.ofSeconds(45);

    private EmbeddedKafka kafka;

    @TempDir
    Path work;

    /** Starts the source's broker (emulator, server process); called once, before every case. */
    protected abstract void startBroker() throws Exception;

    /** Stops what {@link #startBroker()} started; called once, after every case, also when a case failed. */
    protected abstract void stopBroker() throws Exception;

    /** The {@code type:} line and the protocol section of the source {@code name}, as YAML at top level. */
    protected abstract String protocolYaml(String name) throws Exception;

    /** Publishes {@code messages} for source {@code name}, in order per device, and waits until all are accepted. */
    protected abstract void publish(String name, List<Message> messages) throws Exception;

    /** Publishes one message the hub cannot map; by default a payload that is not JSON. */
    protected void publishMalformed(String name, byte[] payload) throws Exception {
        publish(name, List.of(new Message("malformed", payload)));
    }

    @BeforeAll
    final void startServers() throws Exception {
        kafka = EmbeddedKafka.start();
        startBroker();
    }

    @AfterAll
    final void stopServers() throws Exception {
        try {
            stopBroker();
        } finally {
            if (kafka != null) {
                kafka.close();
            }
        }
    }

    @Test
    void opensAndClosesCleanly() throws Exception {
        String name = sourceName("open");
        for (int round = 0; round < 2; round++) {
            Hub hub = startHub(name);
            try {
                assertThat(hub.routeStatus()).as("routes of round %d", round).isNotEmpty()
                        .allSatisfy((route, status) -> assertThat(status).isEqualTo("Started"));
            } finally {
                long closing = System.nanoTime();
                hub.close();
                assertThat(Duration.ofNanos(System.nanoTime() - closing)).as("close time")
                        .isLessThan(Duration.ofSeconds(20));
            }
        }
        // and what was published after both closed arrives with the next start
        publish(name, messages("dev-open", 0, 10));
        try (Hub hub = startHub(name)) {
            assertThat(awaitDistinct(name, 10)).isEqualTo(10);
        }
    }

    @Test
    void deliversABatchCompleteAndInOrderPerKey() throws Exception {
        String name = sourceName("batch");
        int devices = 10;
        int perDevice = 100;
        try (Hub hub = startHub(name)) {
            publish(name, interleaved(devices, perDevice, "dev"));
            assertThat(awaitRecords(name, devices * perDevice)).isEqualTo(devices * perDevice);
        }
        Map<String, List<Integer>> order = sequencesByKey(readAll(name));
        assertThat(order).hasSize(devices);
        List<Integer> expected = IntStream.range(0, perDevice).boxed().toList();
        order.forEach((device, seqs) -> assertThat(seqs).as("%s, in Kafka order", device).isEqualTo(expected));
    }

    @Test
    void deliversParallelLoadFromSeveralPublishers() throws Exception {
        String name = sourceName("parallel");
        int publishers = 4;
        int perPublisher = 300;
        try (Hub hub = startHub(name)) {
            List<CompletableFuture<Void>> running = new ArrayList<>();
            for (int p = 0; p < publishers; p++) {
                List<Message> batch = interleaved(5, perPublisher / 5, "p" + p + "-dev");
                running.add(CompletableFuture.runAsync(() -> publishUnchecked(name, batch)));
            }
            CompletableFuture.allOf(running.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
            assertThat(awaitDistinct(name, publishers * perPublisher)).isEqualTo(publishers * perPublisher);
        }
        assertThat(sequencesByKey(readAll(name))).hasSize(publishers * 5);
    }

    @Test
    void redeliversAfterAHubRestartWithoutLoss() throws Exception {
        String name = sourceName("restart");
        int total = 1_500;
        int backlog = 1_000;
        List<Message> all = interleaved(10, total / 10, "dev");
        // a first start creates the subscription or session; then a backlog builds up while no hub runs
        startHub(name).close();
        publish(name, all.subList(0, backlog));
        long beforeStop;
        Hub first = startHub(name);
        try {
            Await.atLeast(50, Duration.ofSeconds(30), Duration.ofMillis(5), () -> written(first));
        } finally {
            // stops while the backlog is being read: what was received but not acknowledged comes again
            first.close();
            beforeStop = written(first);
        }
        assertThat(beforeStop).as("written before the stop").isPositive();
        publish(name, all.subList(backlog, total));
        try (Hub second = startHub(name)) {
            assertThat(awaitDistinct(name, total)).as("distinct messages in Kafka").isEqualTo(total);
        }
        System.out.printf("%s: hub stopped after writing %d of a backlog of %d, restarted; %d records in Kafka "
                + "for %d messages%n", getClass().getSimpleName(), beforeStop, backlog, readAll(name).size(), total);
    }

    @Test
    void sendsAMalformedMessageToTheDeadLetterTopicWithAReason() throws Exception {
        String name = sourceName("malformed");
        try (Hub hub = startHub(name)) {
            publish(name, messages("dev-good", 0, 5));
            publishMalformed(name, "not json at all".getBytes(StandardCharsets.UTF_8));
            publish(name, messages("dev-good", 5, 10));
            assertThat(awaitRecords(name, 10)).isEqualTo(10);
            List<KafkaTopicReader.Record> dead = new KafkaTopicReader(kafka.bootstrapServers())
                    .read(topic(name) + ".dlq", 1, ARRIVAL_TIMEOUT);
            assertThat(dead).singleElement().satisfies(record -> {
                assertThat(record.valueAsString()).isEqualTo("not json at all");
                assertThat(record.header("tributary_dlq_reason")).containsIgnoringCase("json");
                assertThat(record.header("tributary_source")).isEqualTo(name);
            });
        }
        assertThat(sequencesByKey(readAll(name))).containsOnlyKeys("dev-good");
    }

    // ---- helpers ----

    /** A name of its own per class and case: {@code <protocol>-<case>}, e.g. {@code pubsub-batch}. */
    private String sourceName(String test) {
        String protocol = getClass().getSimpleName().replace("SourceContractIT", "").toLowerCase(java.util.Locale.ROOT);
        return "c-" + protocol + "-" + test;
    }

    protected static String topic(String name) {
        return "contract." + name;
    }

    /** Messages {@code from..to-1} of one device, payload {@code {"device":..,"seq":..}}. */
    protected static List<Message> messages(String device, int from, int to) {
        return IntStream.range(from, to).mapToObj(seq -> message(device, seq)).toList();
    }

    protected static Message message(String device, int seq) {
        return new Message(device, ("{\"device\":\"" + device + "\",\"seq\":" + seq + "}")
                .getBytes(StandardCharsets.UTF_8));
    }

    /** seq 0 of every device, then seq 1 of every device, and so on. */
    private static List<Message> interleaved(int devices, int perDevice, String prefix) {
        List<Message> all = new ArrayList<>(devices * perDevice);
        for (int seq = 0; seq < perDevice; seq++) {
            for (int d = 0; d < devices; d++) {
                all.add(message(prefix + "-" + d, seq));
            }
        }
        return all;
    }

    private Hub startHub(String name) throws Exception {
        Path dir = Files.createDirectories(work.resolve(name).resolve("sources")).getParent();
        Files.writeString(dir.resolve("hub.yaml"), """
                kafka:
                  bootstrapServers: %s
                lake:
                  root: %s
                http:
                  enabled: false
                """.formatted(kafka.bootstrapServers(), work.resolve("lake")));
        Files.writeString(dir.resolve("sources").resolve(name + ".yaml"), "name: " + name + "\n"
                + protocolYaml(name).stripTrailing() + "\n" + """
                device:
                  fromPayload: /device
                kafka:
                  topic: %s
                  partitions: 4
                """.formatted(topic(name)));
        LoadedConfig config = new ConfigLoader(SourceConnectors.discover(), Variables.of(Map.of())).load(dir);
        assertThat(config.problems().toString()).as("the contract's config for %s", name).isEmpty();
        return Hub.start(config, System.out, 60_000);
    }

    private void publishUnchecked(String name, List<Message> messages) {
        try {
            publish(name, messages);
        } catch (Exception e) {
            throw new IllegalStateException("publishing to " + name + " failed", e);
        }
    }

    private static long written(Hub hub) {
        return hub.metrics().totals().getOrDefault("tributary.source.written", 0L);
    }

    private List<KafkaTopicReader.Record> readAll(String name) {
        return new KafkaTopicReader(kafka.bootstrapServers()).readToEnd(topic(name), Duration.ofSeconds(30));
    }

    /** Records in the topic, waiting until there are at least {@code expected}. */
    private long awaitRecords(String name, int expected) throws InterruptedException {
        return Await.atLeast(expected, ARRIVAL_TIMEOUT, () -> readAll(name).size());
    }

    /** Distinct (device, seq) pairs in the topic: redeliveries count once. */
    private long awaitDistinct(String name, int expected) throws InterruptedException {
        return Await.atLeast(expected, ARRIVAL_TIMEOUT, () -> readAll(name).stream()
                .map(r -> r.key() + "/" + seq(r)).distinct().count());
    }

    /** Per Kafka key, the seq of its records in offset order (a key lives in one partition). */
    private static Map<String, List<Integer>> sequencesByKey(List<KafkaTopicReader.Record> records) {
        Map<String, List<Integer>> order = new LinkedHashMap<>();
        for (KafkaTopicReader.Record r : records) {
            order.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(seq(r));
        }
        return order;
    }

    private static int seq(KafkaTopicReader.Record record) {
        String json = record.valueAsString();
        int at = json.indexOf("\"seq\":");
        return Integer.parseInt(json.substring(at + 6, json.indexOf('}', at)).trim());
    }


}
