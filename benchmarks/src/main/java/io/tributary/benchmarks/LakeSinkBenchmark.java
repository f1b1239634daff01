package io.tributary.benchmarks;

import io.tributary.embedded.EmbeddedKafka;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * LakeSink against a bare KafkaConsumer + AvroParquetWriter loop, on the same pre-filled topic of
 * an in-process KRaft broker, in alternating rounds. Each round of each side reads the whole topic
 * with a fresh consumer group into a fresh folder; the time runs from creating the client to the
 * last offset commit. Prints rows/s of both and the ratio sink/bare.
 *
 * <pre>java -jar ... io.tributary.benchmarks.LakeSinkBenchmark --records 200000 --partitions 4 --devices 1000</pre>
 * {@code --devices 1} puts every record on one partition (one key); {@code --client key=value}
 * sets a consumer setting on both sides (e.g. Kafka's defaults {@code max.poll.records=500}).
 */
public final class LakeSinkBenchmark {

    private LakeSinkBenchmark() {
    }

    public static void main(String[] argv) throws Exception {
        BenchmarkLogging.init();
        Map<String, String> defaults = new LinkedHashMap<>();
        defaults.put("records", "200000");
        defaults.put("partitions", "4");
        defaults.put("devices", "1000");
        defaults.put("rounds", "7");
        defaults.put("warmup", "2");
        Args args = Args.parse(argv, defaults);
        int records = args.integer("records");
        int partitions = args.integer("partitions");
        int rounds = args.integer("rounds");
        int warmUp = args.integer("warmup");
        Telemetry telemetry = new Telemetry(args.integer("devices"));
        System.out.println("LakeSinkBenchmark " + args.describe() + " on " + Runtime.getRuntime().availableProcessors()
                + " cores, Java " + Runtime.version());

        Path work = Files.createTempDirectory("tributary-bench-lake-");
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            String topic = "bench-lake";
            TopicLoader loader = new TopicLoader(kafka.bootstrapServers());
            loader.create(topic, partitions);
            loader.create(topic + ".dlq", partitions);
            long produceStart = System.nanoTime();
            loader.produce(topic, telemetry, records);
            System.out.printf("produced %,d records in %,d ms with the hub's producer settings%n", records,
                    (System.nanoTime() - produceStart) / 1_000_000);

            Comparison comparison = new Comparison("bare", "LakeSink", "rows/s");
            for (int round = 1; round <= rounds; round++) {
                long bareNanos;
                long sinkNanos;
                // alternate the order, so that drift on a shared machine does not favour one side
                if (round % 2 == 1) {
                    bareNanos = bare(kafka, topic, records, work.resolve("bare-" + round), round, args);
                    sinkNanos = sink(kafka, topic, records, work.resolve("sink-" + round), round, args);
                } else {
                    sinkNanos = sink(kafka, topic, records, work.resolve("sink-" + round), round, args);
                    bareNanos = bare(kafka, topic, records, work.resolve("bare-" + round), round, args);
                }
                comparison.record(round, round <= warmUp, records, bareNanos, sinkNanos);
            }
            comparison.printSummary();
        } finally {
            Folders.delete(work);
        }
    }

    private static long bare(EmbeddedKafka kafka, String topic, long records, Path dir, int round, Args args)
            throws Exception {
        long start = System.nanoTime();
        BareLakeWriter bare = new BareLakeWriter();
        long rows = bare.run(kafka.bootstrapServers(), topic, "bench-bare-" + round, records, dir, args.clientProps());
        long nanos = System.nanoTime() - start;
        System.out.println("  bare: " + bare.phases() + "; consumer " + bare.fetchMetrics());
        check("bare", rows, records);
        Folders.delete(dir);
        return nanos;
    }

    private static long sink(EmbeddedKafka kafka, String topic, long records, Path dir, int round, Args args)
            throws Exception {
        long start = System.nanoTime();
        LakeSinkRun sink = new LakeSinkRun();
        long rows = sink.run(LakeSinkRun.table("bench_" + round, topic, topic + ".dlq", records), dir,
                kafka.bootstrapServers(), records, args.clientProps());
        long nanos = System.nanoTime() - start;
        System.out.println("  LakeSink: " + sink.phases());
        check("LakeSink", rows, records);
        Folders.delete(dir);
        return nanos;
    }

    private static void check(String side, long rows, long expected) {
        if (rows != expected) {
            throw new IllegalStateException(side + " committed " + rows + " rows, expected " + expected);
        }
    }
}
