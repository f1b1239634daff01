package io.tributary.lake.compaction;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * While a folder of 200 small files is compacted again and again (it is reset to its small files by an
 * atomic exchange before every round), DuckDB counts the table's rows over its folder glob without
 * pause: every count must be the exact total. More would be duplicates, fewer a gap. A query whose
 * listed file was swapped away before DuckDB opened it fails instead; such failures are counted and
 * printed, and must be file-not-found errors only.
 */
class CompactionReaderConsistencyTest {

    private static final String TABLE = "fleet";
    private static final String TOPIC = "telemetry.fleet";
    private static final int SMALL_FILES = 200;
    private static final int ROWS_PER_FILE = 10;
    private static final int MAX_ROUNDS = 6;
    private static final Duration MAX_TIME = Duration.ofSeconds(15);

    @TempDir
    Path lake;

    @Test
    void readersNeverSeeDuplicatesOrGapsWhileFoldersAreSwapped() throws Exception {
        Path table = lake.resolve(TABLE);
        SmallParquetFiles.write(table.resolve("dt=2026-01-05/hour=07"), TOPIC, 1, 0, 5, 100);
        Path template = lake.resolve("template");
        SmallParquetFiles.write(template, TOPIC, 0, 0, SMALL_FILES, ROWS_PER_FILE);
        Path hour = table.resolve(SmallParquetFiles.HOUR_FOLDER);
        Files.createDirectories(hour);
        long total = 5 * 100 + (long) SMALL_FILES * ROWS_PER_FILE;
        reset(template, hour, 0);

        String glob = "'" + table + "/**/*.parquet'";
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong exact = new AtomicLong();
        List<Long> wrongCounts = java.util.Collections.synchronizedList(new ArrayList<>());
        Map<String, Integer> errors = java.util.Collections.synchronizedMap(new TreeMap<>());
        Thread reader = new Thread(() -> {
            try (Connection connection = DriverManager.getConnection("jdbc:duckdb:")) {
                while (!stop.get()) {
                    try (Statement statement = connection.createStatement();
                         ResultSet rows = statement.executeQuery("SELECT count(*) FROM read_parquet(" + glob
                            + ", hive_partitioning = true)")) {
                        rows.next();
                        long count = rows.getLong(1);
                        if (count == total) {
                            exact.incrementAndGet();
                        } else {
                            wrongCounts.add(count);
                        }
                    } catch (SQLException e) {
                        String kind = String.valueOf(e.getMessage()).replaceAll("\"[^\"]*\"", "<file>")
                                .replaceAll("/[^ ]*\\.parquet", "<file>");
                        errors.merge(kind.length() > 160 ? kind.substring(0, 160) : kind, 1, Integer::sum);
                    }
                }
            } catch (SQLException e) {
                errors.merge("connection: " + e.getMessage(), 1, Integer::sum);
            }
        }, "duckdb-reader");
        reader.start();

        ParquetTableCompactor compactor = new ParquetTableCompactor(lake, TABLE);
        Instant deadline = Instant.now().plus(MAX_TIME);
        int rounds = 0;
        int filesAfter = 0;
        try {
            while (rounds < 2 || (rounds < MAX_ROUNDS && Instant.now().isBefore(deadline))) {
                if (rounds > 0) {
                    reset(template, hour, rounds);
                }
                ParquetTableCompactor.Result result = compactor.compact(List.of(SmallParquetFiles.HOUR_FOLDER),
                        64L << 20, Instant.now());
                assertThat(result.merged()).singleElement().satisfies(f -> {
                    assertThat(f.filesMerged()).isEqualTo(SMALL_FILES);
                    assertThat(f.rowsMerged()).isEqualTo((long) SMALL_FILES * ROWS_PER_FILE);
                });
                filesAfter = result.merged().get(0).filesAfter();
                rounds++;
            }
        } finally {
            stop.set(true);
            reader.join(30_000);
        }

        long failed = errors.values().stream().mapToLong(Integer::longValue).sum();
        System.out.printf("reader consistency: rounds=%d files %d -> %d per round, total rows %d, exact counts %d,"
                        + " wrong counts %d %s, failed queries %d %s%n", rounds, SMALL_FILES, filesAfter, total,
                exact.get(), wrongCounts.size(), wrongCounts, failed, errors);
        assertThat(rounds).isGreaterThanOrEqualTo(2);
        assertThat(wrongCounts).as("counts other than %d: duplicates or gaps", total).isEmpty();
        assertThat(exact.get()).isGreaterThanOrEqualTo(rounds);
        assertThat(errors.keySet()).allSatisfy(kind -> assertThat(kind).containsAnyOf("No such file", "No files found",
                "Cannot open file"));
        assertThat(DuckDbCount.of(table)).isEqualTo(total);
    }

    /** Puts the template's small files into the folder in one exchange (hard links, so it is quick). */
    private void reset(Path template, Path folder, int round) throws Exception {
        Path fresh = Files.createDirectories(lake.resolve("fresh-" + round));
        try (Stream<Path> files = Files.list(template)) {
            for (Path file : files.toList()) {
                Files.createLink(fresh.resolve(file.getFileName()), file);
            }
        }
        AtomicFolderSwap.exchange(fresh, folder);
        try (Stream<Path> old = Files.list(fresh)) {
            for (Path file : old.toList()) {
                Files.delete(file);
            }
        }
        Files.delete(fresh);
    }

    private static final class DuckDbCount {
        static long of(Path table) throws SQLException {
            return io.tributary.lake.testing.DuckDb.count(table, "SELECT count(*) FROM {hive}");
        }
    }
}
