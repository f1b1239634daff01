package io.tributary.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LakeIT {

    @TempDir
    Path lakeRoot;

    private Lake lake;

    @BeforeEach
    void openLake() {
        lake = Lake.open();
    }

    @AfterEach
    void closeLake() {
        lake.close();
    }

    @Test
    void countsRowsOfEveryPartitionWrittenByDuckDb() {
        writeReadings(lakeRoot, "readings");

        assertThat(lake.count(lakeRoot, "readings")).isEqualTo(300);
        assertThat(Lake.files(lakeRoot, "readings"))
                .hasSize(3)
                .allSatisfy(file -> assertThat(lakeRoot.relativize(file).toString())
                        .matches("readings/dt=2026-11-2[0-2]/hour=0[0-9]/.+\\.parquet"));
    }

    @Test
    void queriesWithTheHivePartitionsAsColumns() {
        writeReadings(lakeRoot, "readings");

        List<Map<String, Object>> perDay = lake.query("SELECT dt, count(*) AS n, min(seq) AS first FROM "
                + Lake.parquet(lakeRoot, "readings") + " GROUP BY dt ORDER BY dt");

        assertThat(perDay).hasSize(3);
        assertThat(perDay.get(0)).containsKeys("dt", "n", "first");
        assertThat(perDay.get(0).get("dt").toString()).isEqualTo("2026-11-20");
        assertThat(((Number) perDay.get(0).get("n")).longValue()).isEqualTo(100);
        assertThat(((Number) perDay.get(2).get("first")).longValue()).isEqualTo(200);
    }

    @Test
    void ignoresHiddenTemporaryFiles() throws Exception {
        writeReadings(lakeRoot, "readings");
        Path partition = Lake.files(lakeRoot, "readings").get(0).getParent();
        Files.writeString(partition.resolve(".telemetry+0+00000000000000000300.parquet.tmp"), "half written");

        assertThat(lake.count(lakeRoot, "readings")).isEqualTo(300);
    }

    @Test
    void countsZeroForATableWithoutFiles() {
        assertThat(lake.count(lakeRoot, "not_yet_written")).isZero();
    }

    @Test
    void readsAPathWithAQuote() throws Exception {
        Path odd = Files.createDirectories(lakeRoot.resolve("it's a lake"));
        writeReadings(odd, "readings");

        assertThat(lake.count(odd, "readings")).isEqualTo(300);
    }

    /** 300 rows over three days, written by DuckDB itself into Hive folders. */
    private void writeReadings(Path root, String table) {
        Path target = root.resolve(table);
        lake.execute("COPY (SELECT i AS seq, 'dev-' || (i % 10) AS device_id, 20.0 + i / 100.0 AS temperature, "
                + "strftime(DATE '2026-11-20' + CAST(i // 100 AS INTEGER), '%Y-%m-%d') AS dt, "
                + "lpad(CAST(i // 100 AS VARCHAR), 2, '0') AS hour "
                + "FROM range(300) t(i)) TO " + Lake.quote(target.toString())
                + " (FORMAT parquet, PARTITION_BY (dt, hour))");
    }
}
