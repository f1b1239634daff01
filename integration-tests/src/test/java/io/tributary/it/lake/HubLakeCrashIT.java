package io.tributary.it.lake;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exactly-once into a plain Parquet table under crashes of the whole hub ({@link HubKillLoop}: 20 kills while
 * 100,000 records flow, every fourth run halting at one of the commit protocol's points, rolls every 2,000-5,000
 * records or 1 s). DuckDB must then see every Kafka position of the topic exactly once and every record, and no
 * staging file or pending manifest may be left.
 */
class HubLakeCrashIT extends HubKillLoop {

    static final List<String> CRASH_POINTS = List.of("after-manifest", "after-commit", "mid-publish", "after-stage");

    @TempDir
    Path work;

    @Test
    void everyKafkaRecordLandsExactlyOnceThroughTwentyHubKills() throws Exception {
        CrashTable table = new CrashTable("hub-crash", CRASH_POINTS,
                maxRecords -> "  roll: { maxRecords: " + maxRecords + ", maxAge: 1s }\n");
        Path lake = work.resolve("lake");
        Runs runs = killAndRestart(work, table,
                () -> awaitCaughtUp(table.table(), table.topic(), PARTITIONS, Duration.ofSeconds(120)));

        LakeAudit audit = LakeAudit.of(lake, table.table(), RECORDS);
        System.out.printf("hub kill -9 runs=%d records=%d lost=%d duplicated=%d in %d s (%s; seed %d; start to all"
                        + " partitions assigned, ms: %s)%n  kills: %s%n", runs.kills().size(), RECORDS, audit.lost(),
                audit.duplicated(), runs.seconds(), audit.summary(), runs.seed(), runs.toAssigned(), runs.kills());
        assertThat(audit.lost()).as("records missing from the lake").isZero();
        assertThat(audit.duplicated()).as("Kafka records in the lake twice").isZero();
        assertThat(audit.rows()).isEqualTo(RECORDS);
        assertThat(audit.positions()).as("Kafka positions of the topic in the lake").isEqualTo(RECORDS);
        assertThat(audit.leftovers()).as("staging files and pending manifests").isEmpty();
        String logs = CrashRuns.sinkLogs(work);
        assertThat(logs).as("a restart published the files of a commit its predecessor made").contains("finished commit");
        assertThat(logs).as("a restart discarded uncommitted staged files").contains("uncommitted staged file(s)");
    }
}
