package io.tributary.it.lake;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.testkit.HubProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.jdbc.JdbcCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Zombie fencing by the Iceberg commit itself: one of two sink processes of an Iceberg table is
 * frozen with SIGSTOP just before it commits staged batches (a test pause point holds it there).
 * Its session expires, the other process takes its partitions, resumes them from the table's
 * snapshot and commits. After SIGCONT the zombie goes on with its commit: the table's offsets have
 * moved past what it last saw, so it refuses, drops its batches and appends nothing. Every record
 * is in the table exactly once.
 */
class IcebergZombieIT extends LakeKafka {

    static final int RECORDS = 30_000;
    static final int PARTITIONS = 4;

    @TempDir
    Path work;

    @Test
    void aFrozenProcessThatLostItsPartitionsCannotAppendAfterItWakes() throws Exception {
        String topic = "iceberg-zombie.in";
        String table = "iceberg_zombie";
        createTopics(topic, PARTITIONS);
        Path lake = work.resolve("lake");
        HubProcess.Builder zombieBuilder = LakeSinkProcess.icebergBuilder(kafka.bootstrapServers(), lake, table, topic,
                2_000, Duration.ofMillis(500), LakeRebalanceIT.CONSUMER, work.resolve("sink-zombie.log"))
                .jvmArg("-Dtributary.lake.pauseAt=iceberg-before-commit@4");
        HubProcess.Builder ownerBuilder = LakeSinkProcess.icebergBuilder(kafka.bootstrapServers(), lake, table, topic,
                2_000, Duration.ofMillis(500), LakeRebalanceIT.CONSUMER, work.resolve("sink-owner.log"));

        try (SteadyProducer producer = SteadyProducer.start(kafka.bootstrapServers(), topic, RECORDS, 1_500);
             HubProcess zombie = zombieBuilder.start();
             HubProcess owner = ownerBuilder.start()) {
            // frozen until the owner has had 3 s on its partitions (it commits the zombie's former ones meanwhile)
            ZombieFencing.freezeUntilFenced(producer, RECORDS, zombie, owner, PARTITIONS, "iceberg-before-commit",
                    Duration.ofSeconds(3), "refusing to commit");

            producer.finish(Duration.ofSeconds(120));
            IcebergAudit.awaitTableHolds(lake, table, topic, PARTITIONS);
            // the zombie may also have stopped its sink by now: an open file it kept writing after the refusal
            // lost its staging bytes to the owner's recovery (SinkLoop treats that as a failure, not a fence)
            int zombieExit = zombie.stop();
            assertThat(zombieExit).as("zombie exit; its log:%n%s", zombie.log()).isIn(HubProcess.EXIT_SIGTERM, 0);
            assertThat(owner.stop()).as("owner exit; its log:%n%s", owner.log()).isEqualTo(HubProcess.EXIT_SIGTERM);
            assertThat(owner.log()).doesNotContain("lake sink failed").doesNotContain("refusing to commit");
        }

        try (JdbcCatalog catalog = IcebergAudit.catalog(lake)) {
            Table iceTable = catalog.loadTable(TableIdentifier.of(LakeSinkProcess.ICEBERG_NAMESPACE, table));
            for (IcebergAudit audit : List.of(IcebergAudit.readWithIceberg(iceTable), IcebergAudit.readWithDuckDb(iceTable))) {
                System.out.println("iceberg zombie fenced after SIGSTOP/SIGCONT: " + audit);
                assertThat(audit.lost(RECORDS)).as(audit.reader() + ": records missing").isZero();
                assertThat(audit.duplicated()).as(audit.reader() + ": Kafka records twice").isZero();
                assertThat(audit.rows()).as(audit.reader() + ": rows").isEqualTo(RECORDS);
            }
        }
    }
}
