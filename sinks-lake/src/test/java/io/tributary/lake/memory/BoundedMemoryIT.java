package io.tributary.lake.memory;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.lake.testing.DuckDb;
import io.tributary.lake.testing.KafkaFixture;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A lake sink in a child JVM with a 256 MiB heap writes records spread over 5,000 hourly
 * partitions: the open-file cap keeps its writers, and so its heap, bounded; every record lands
 * exactly once. The child prints the heap it needed, which this test prints too.
 */
class BoundedMemoryIT {

    private static final int HOURS = 5_000;
    private static final int PER_HOUR = 2;
    private static final int PARTITIONS = 1;
    private static final Instant FIRST_HOUR = Instant.parse("2026-01-01T00:00:00Z");
    /** A unified GC log line's heap figures: {@code Pause Full (...) 126M->68M(128M)}. */
    private static final Pattern GC_LINE = Pattern.compile(".*Pause (Full|Young)[^>]*?(\\d+)M->(\\d+)M\\((\\d+)M\\).*");

    @RegisterExtension
    static final KafkaFixture fixture = new KafkaFixture();

    @TempDir
    Path work;

    /** Hour by hour, as telemetry arrives: each hour's records follow the previous hour's. */
    private static int produce(String topic) {
        int sent = 0;
        try (KafkaProducer<byte[], byte[]> producer = fixture.producer()) {
            for (int hour = 0; hour < HOURS; hour++) {
                for (int k = 0; k < PER_HOUR; k++) {
                    int i = hour * PER_HOUR + k;
                    long ts = FIRST_HOUR.toEpochMilli() + hour * 3_600_000L + k * 60_000L;
                    String payload = "{\"ts\": " + ts + ", \"temp\": " + (i % 40) + ".5, \"hum\": " + (i % 100)
                            + ", \"status\": \"status-" + (i % 13) + "\", \"site\": \"site-" + (i % 31)
                            + "\", \"battery\": 0." + (i % 10) + ", \"ok\": " + (i % 2 == 0) + "}";
                    producer.send(new ProducerRecord<>(topic, i % PARTITIONS,
                                    ("device-" + (i % 50)).getBytes(StandardCharsets.UTF_8),
                                    payload.getBytes(StandardCharsets.UTF_8)),
                            (metadata, e) -> assertThat(e).isNull());
                    sent++;
                }
            }
            producer.flush();
        }
        return sent;
    }

    private Process startChild(String topic, String table, Path lake, int expected, int maxOpenFiles, Path log,
                               Path gcLog) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+ExitOnOutOfMemoryError", "-Xlog:gc:file=" + gcLog,
                "-cp", System.getProperty("java.class.path"),
                ManyPartitionsSinkMain.class.getName(),
                fixture.bootstrapServers(), topic, table, lake.toString(), Integer.toString(expected),
                Integer.toString(maxOpenFiles)));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /**
     * The most heap in use after any collection, and after full collections (the live set, when
     * there were any): young collections leave old garbage counted, so the first is an upper bound.
     */
    private static String gcSummary(Path gcLog) throws IOException {
        long maxAfterAny = 0;
        long maxAfterFull = -1;
        int collections = 0;
        for (String line : Files.readAllLines(gcLog)) {
            Matcher gc = GC_LINE.matcher(line);
            if (gc.matches()) {
                collections++;
                long after = Long.parseLong(gc.group(3));
                maxAfterAny = Math.max(maxAfterAny, after);
                if (gc.group(1).equals("Full")) {
                    maxAfterFull = Math.max(maxAfterFull, after);
                }
            }
        }
        assertThat(collections).as("collections in %s", gcLog).isPositive();
        return "GC log: " + collections + " pauses, max heap after a pause " + maxAfterAny + " MiB, after a full GC "
                + (maxAfterFull < 0 ? "n/a (none needed)" : maxAfterFull + " MiB");
    }

    @Test
    void writesFiveThousandPartitionsWithinA256MiBHeapExactlyOnce() throws Exception {
        String topic = "memory-5000-hours";
        fixture.createTopic(topic, PARTITIONS);
        fixture.createTopic(topic + ".dlq", 1);
        int sent = produce(topic);
        Path lake = Files.createDirectories(work.resolve("lake"));
        Path log = work.resolve("child.log");

        Path gcLog = work.resolve("child-gc.log");
        Process child = startChild(topic, "many_hours", lake, sent, 64, log, gcLog);
        boolean exited;
        try {
            exited = child.waitFor(170, TimeUnit.SECONDS);
        } finally {
            if (child.isAlive()) {
                child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
        String output = Files.readString(log);
        assertThat(exited).as("child finished; its output:%n%s", output).isTrue();
        assertThat(child.exitValue()).as("child exit code (3 = out of memory); its output:%n%s", output).isZero();
        String heapLine = output.lines().filter(l -> l.startsWith("HEAP ")).findFirst().orElseThrow();
        System.out.println("bounded memory, " + HOURS + " hourly partitions, maxOpenFiles 64, -Xmx256m: " + heapLine
                + "; " + gcSummary(gcLog));

        Map<String, Object> totals = DuckDb.query(lake, "SELECT count(*) AS n,"
                + " count(DISTINCT (kafka_partition, kafka_offset)) AS d FROM {files}").get(0);
        assertThat(totals.get("n")).isEqualTo((long) sent);
        assertThat(totals.get("d")).isEqualTo((long) sent);
        assertThat(DuckDb.count(lake, "SELECT count(DISTINCT (dt, hour)) FROM {hive}")).isEqualTo(HOURS);
        assertThat(DuckDb.count(lake, "SELECT count(*) FROM {hive} WHERE epoch_ms(event_time) // 3600000"
                + " <> epoch_ms(CAST(dt AS TIMESTAMP)) // 3600000 + CAST(hour AS BIGINT)")).isZero();
        assertThat(fixture.committedOffsets("tributary-lake-many_hours")).isEqualTo(fixture.endOffsets(topic, PARTITIONS));
        try (Stream<Path> files = Files.walk(lake)) {
            assertThat(files.filter(f -> f.getFileName().toString().endsWith(".tmp")).toList())
                    .as("leftover temporary files").isEmpty();
        }
    }
}
