package io.tributary.it.lake;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.testkit.HubProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.jdbc.JdbcCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exactly-once into an Iceberg table under crashes: a lake sink process is SIGKILLed 20 times at
 * random moments while 100,000 records flow, with rolls every 2,000-5,000 records or 300 ms so
 * kills land mid-write, mid-publish and mid-commit; then it runs to the end. Iceberg's own reader,
 * and DuckDB over the data files of the table's current snapshot, must each see every record once.
 */
class IcebergCrashIT extends LakeKafka {

    static final int RECORDS = 100_000;
    static final int KILLS = 20;
    static final int PARTITIONS = 4;

    @TempDir
    Path work;

    @Test
    void everyRecordIsInTheTableExactlyOnceThroughTwentyKills() throws Exception {
        String topic = "iceberg-crash.in";
        String table = "iceberg_crash";
        createTopics(topic, PARTITIONS);
        Path lake = work.resolve("lake");
        long seed = System.nanoTime();
        Random random = new Random(seed);
        Map<String, String> consumer = Map.of("group.instance.id", "iceberg-crash-sink");
        List<String> kills = new ArrayList<>();
        long started = System.nanoTime();
        try (SteadyProducer producer = SteadyProducer.start(kafka.bootstrapServers(), topic, RECORDS, 2_500)) {
            for (int run = 1; run <= KILLS; run++) {
                long maxRecords = 2_000 + random.nextInt(3_001);
                try (HubProcess sink = LakeSinkProcess.icebergBuilder(kafka.bootstrapServers(), lake, table, topic,
                        maxRecords, Duration.ofMillis(300), consumer, work.resolve("sink-" + run + ".log")).start()) {
                    sink.waitForLog(LakeSinkProcess.RUNNING, Duration.ofSeconds(60));
                    producer.allow((long) RECORDS * run / (KILLS + 1));
                    kills.add(CrashRuns.killAfter(sink, 1_000 + random.nextInt(1_500)));
                }
            }
            assertThat(producer.acknowledged()).as("records still to flow after the last kill").isLessThan(RECORDS);
            CrashRuns.lastRun(LakeSinkProcess.icebergBuilder(kafka.bootstrapServers(), lake, table, topic, 3_000,
                    Duration.ofMillis(300), consumer, work.resolve("sink-last.log")), () -> {
                producer.finish(Duration.ofSeconds(120));
                IcebergAudit.awaitTableHolds(lake, table, topic, PARTITIONS);
            });
        }

        IcebergAudit iceberg;
        IcebergAudit duckDb;
        try (JdbcCatalog catalog = IcebergAudit.catalog(lake)) {
            Table iceTable = catalog.loadTable(TableIdentifier.of(LakeSinkProcess.ICEBERG_NAMESPACE, table));
            iceberg = IcebergAudit.readWithIceberg(iceTable);
            duckDb = IcebergAudit.readWithDuckDb(iceTable);
        }
        System.out.printf("iceberg kill -9 runs=%d records=%d lost=%d duplicated=%d (Iceberg reader; DuckDB over"
                        + " the snapshot's files: lost=%d duplicated=%d; seed %d, %d s)%n",
                kills.size(), RECORDS, iceberg.lost(RECORDS), iceberg.duplicated(), duckDb.lost(RECORDS),
                duckDb.duplicated(), seed, TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started));
        assertThat(kills).hasSize(KILLS);
        for (IcebergAudit audit : List.of(iceberg, duckDb)) {
            assertThat(audit.lost(RECORDS)).as(audit.reader() + ": records missing").isZero();
            assertThat(audit.duplicated()).as(audit.reader() + ": Kafka records twice").isZero();
            assertThat(audit.rows()).as(audit.reader() + ": rows").isEqualTo(RECORDS);
        }
        try (Stream<Path> files = Files.walk(lake.resolve(table))) {
            assertThat(files.filter(f -> f.getFileName().toString().endsWith(".tmp")).toList())
                    .as("staging leftovers of the killed runs").isEmpty();
        }
    }
}
