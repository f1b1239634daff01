package io.tributary.lake.compaction;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.lake.testing.DuckDb;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compaction in a child JVM SIGKILLed at random moments: after every kill the folder holds the old files or
 * the merged one (the table's rows are exactly the original ones), at most a staging folder is left over,
 * and the next run finishes it.
 */
class CompactionKillIT {

    private static final String TABLE = "fleet";
    private static final String TOPIC = "telemetry.fleet";
    private static final int FILES = 80;
    private static final int KILLS = 4;

    @TempDir
    Path lake;

    @Test
    void aKilledCompactionLeavesTheOldOrTheNewFolderAndTheNextRunCleansUp() throws Exception {
        Path table = lake.resolve(TABLE);
        Path hour = table.resolve(SmallParquetFiles.HOUR_FOLDER);
        Path template = lake.resolve("template");
        SmallParquetFiles.write(template, TOPIC, 0, 0, FILES, 10);
        Files.createDirectories(hour);
        List<Map<String, Object>> original = DuckDb.query(template, "SELECT * FROM {files} ORDER BY kafka_offset");
        Random random = new Random(42);
        Map<String, Integer> states = new TreeMap<>();

        // one whole run first, to spread the kills over the time a run takes on this machine now
        reset(template, hour, -1);
        long started = System.nanoTime();
        Process whole = child(-1);
        assertThat(whole.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(whole.exitValue()).isZero();
        long runMillis = (System.nanoTime() - started) / 1_000_000;
        assertThat(names(hour)).singleElement().asString().startsWith("compacted-");

        for (int kill = 0; kill < KILLS; kill++) {
            reset(template, hour, kill);
            Process child = child(kill);
            // JVM start, listing, merging, exchange, clean-up: from about half of a run to its end
            Thread.sleep(runMillis / 2 + random.nextInt((int) Math.max(1, runMillis * 6 / 10)));
            child.destroyForcibly(); // SIGKILL
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();

            List<String> files = names(hour);
            boolean swapped = files.stream().anyMatch(n -> n.startsWith("compacted-"));
            assertThat(files).as("kill %d: old or new content, never a mix", kill)
                    .satisfiesAnyOf(f -> assertThat(f).hasSize(FILES).noneMatch(n -> n.startsWith("compacted-")),
                            f -> assertThat(f).singleElement().asString().startsWith("compacted-"));
            assertThat(DuckDb.query(table, "SELECT * FROM {files} ORDER BY kafka_offset")).isEqualTo(original);
            Path base = lake.resolve(StagingArea.FOLDER).resolve(TABLE);
            int leftovers = Files.isDirectory(base) ? names(base).size() : 0;
            states.merge((swapped ? "new content" : "old content") + (leftovers > 0 ? " + staging left" : ""), 1,
                    Integer::sum);
            new ParquetTableCompactor(lake, TABLE, Duration.ZERO, FolderCompactor.Steps.NONE)
                    .compact(List.of(), 64L << 20, java.time.Instant.now());
            assertThat(names(hour)).singleElement().asString().startsWith("compacted-");
            assertThat(names(base)).isEmpty();
            assertThat(DuckDb.query(table, "SELECT * FROM {files} ORDER BY kafka_offset")).isEqualTo(original);
        }
        System.out.printf("compaction kill -9: %d kills of a %d-file folder (a whole run took %d ms), states after the"
                + " kill %s; after each, the next run left one merged file and no staging folder, rows identical%n",
                KILLS, FILES, runMillis, states);
        assertThat(states.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(KILLS);
    }

    private Process child(int round) throws Exception {
        return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), CompactionMain.class.getName(), lake.toString(), TABLE)
                .redirectErrorStream(true).redirectOutput(lake.resolve("child-" + round + ".log").toFile()).start();
    }

    private void reset(Path template, Path folder, int round) throws Exception {
        Path fresh = Files.createDirectories(lake.resolve("fresh-" + round));
        for (String name : names(template)) {
            Files.createLink(fresh.resolve(name), template.resolve(name));
        }
        AtomicFolderSwap.exchange(fresh, folder);
        for (String name : names(fresh)) {
            Files.delete(fresh.resolve(name));
        }
        Files.delete(fresh);
    }

    private static List<String> names(Path folder) throws Exception {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }
}
