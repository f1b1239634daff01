package io.tributary.benchmarks;

import io.tributary.embedded.EmbeddedKafka;
import io.tributary.routes.runtime.Hub;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * MQTT to Kafka: the hub's route (Camel, Paho v5 consumer, envelope, Camel Kafka producer) against
 * a bare Paho v5 subscriber that forwards to a bare KafkaProducer with the same settings and the
 * same acknowledge-after-Kafka rule. Mosquitto runs as a child process on a free loopback port,
 * Kafka in this JVM. Each round and side gets its own MQTT topic root and Kafka topic; one
 * publisher sends QoS 1 messages as fast as its window of unacknowledged publishes allows, and the
 * time runs from the first publish until the Kafka topic holds every message.
 */
public final class SourceToKafkaBenchmark {

    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(5);

    private SourceToKafkaBenchmark() {
    }

    private interface Side extends AutoCloseable {
        Throwable failure();
    }

    public static void main(String[] argv) throws Exception {
        BenchmarkLogging.init();
        Map<String, String> defaults = new LinkedHashMap<>();
        defaults.put("messages", "50000");
        defaults.put("devices", "100");
        defaults.put("partitions", "4");
        defaults.put("inflight", "20");
        defaults.put("rounds", "5");
        defaults.put("warmup", "1");
        defaults.put("mosquitto", Mosquitto.DEFAULT_EXECUTABLE);
        Args args = Args.parse(argv, defaults);
        if (!args.clientProps().isEmpty()) {
            throw new IllegalArgumentException("--client is not used here: both sides use the hub's producer settings");
        }
        int messages = args.integer("messages");
        int partitions = args.integer("partitions");
        Telemetry telemetry = new Telemetry(args.integer("devices"));
        System.out.println("SourceToKafkaBenchmark " + args.describe() + " on "
                + Runtime.getRuntime().availableProcessors() + " cores, Java " + Runtime.version());

        Path work = Files.createTempDirectory("tributary-bench-source-");
        try (Mosquitto mosquitto = Mosquitto.start(args.text("mosquitto"), args.integer("inflight"));
             EmbeddedKafka kafka = EmbeddedKafka.start();
             TopicCount counts = new TopicCount(kafka.bootstrapServers());
             MqttLoad load = MqttLoad.connect(mosquitto.url(), args.integer("inflight"))) {
            System.out.println("mosquitto pid " + mosquitto.pid() + " at " + mosquitto.url());
            Run run = new Run(mosquitto, kafka, counts, load, telemetry, messages, partitions, work);
            Comparison comparison = new Comparison("bare", "hub", "msg/s");
            for (int round = 1; round <= args.integer("rounds"); round++) {
                long bareNanos;
                long hubNanos;
                // alternate the order, so that drift on a shared machine does not favour one side
                if (round % 2 == 1) {
                    bareNanos = run.bare(round);
                    hubNanos = run.hub(round);
                } else {
                    hubNanos = run.hub(round);
                    bareNanos = run.bare(round);
                }
                comparison.record(round, round <= args.integer("warmup"), messages, bareNanos, hubNanos);
            }
            comparison.printSummary();
        } finally {
            Folders.delete(work);
        }
    }

    private record Run(Mosquitto mosquitto, EmbeddedKafka kafka, TopicCount counts, MqttLoad load, Telemetry telemetry,
                       int messages, int partitions, Path work) {

        long bare(int round) throws Exception {
            String name = "bench-bare-" + round;
            String topic = "bench.bare." + round;
            new TopicLoader(kafka.bootstrapServers()).create(topic, partitions);
            BareMqttBridge bridge = BareMqttBridge.start(mosquitto.url(), name + "/+/telemetry", name,
                    kafka.bootstrapServers(), topic, name);
            return measure("bare", name, topic, bridge::failure, bridge::close);
        }

        long hub(int round) throws Exception {
            String name = "bench-hub-" + round;
            String topic = "bench.hub." + round;
            Hub hub = HubSide.start(work, name, mosquitto.url(), kafka.bootstrapServers(), topic, partitions);
            return measure("hub", name, topic, () -> null, hub::close);
        }

        /** Publishes one probe message (so the subscription is known to be live), then the measured ones. */
        private long measure(String side, String root, String topic, Supplier<Throwable> failure, AutoCloseable stop)
                throws Exception {
            try (stop) {
                load.publish(root, telemetry, 0, 1);
                counts.awaitAtLeast(topic, partitions, 1, PROBE_TIMEOUT, failure);
                long start = System.nanoTime();
                load.publish(root, telemetry, 1, messages + 1L);
                long published = System.nanoTime();
                long end = counts.awaitAtLeast(topic, partitions, messages + 1L, RUN_TIMEOUT, failure);
                System.out.printf(Locale.ROOT, "  %s: published in %,d ms (%,.0f msg/s), in Kafka after %,d ms%n", side,
                        (published - start) / 1_000_000, Comparison.rate(messages, published - start),
                        (end - start) / 1_000_000);
                long extra = counts.count(topic, partitions) - messages - 1;
                if (extra > 0) {
                    System.out.printf("  %s: %d duplicate(s) in Kafka%n", side, extra);
                }
                return end - start;
            }
        }
    }
}
