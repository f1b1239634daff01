package io.tributary.it.lake;

import io.tributary.testkit.Lake;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What DuckDB (a reader none of us wrote) sees in a lake table after a test, against the records
 * produced: rows, distinct Kafka positions, lost and duplicated records, and leftovers of the
 * commit protocol (staging files, pending manifests).
 *
 * @param rows       rows in published files
 * @param positions  distinct (kafka_partition, kafka_offset)
 * @param sequences  distinct produced sequence numbers
 * @param lost       produced records not in the lake
 * @param duplicated rows beyond the first of their Kafka position
 */
record LakeAudit(long rows, long positions, long sequences, long lost, long duplicated, List<Path> leftovers) {

    static LakeAudit of(Path lakeRoot, String table, long produced) throws IOException {
        long rows = 0;
        long positions = 0;
        long sequences = 0;
        if (!Lake.files(lakeRoot, table).isEmpty()) {
            try (Lake lake = Lake.open()) {
                Map<String, Object> totals = lake.query("SELECT count(*) AS n,"
                        + " count(DISTINCT (kafka_partition, kafka_offset)) AS positions,"
                        + " count(DISTINCT seq) FILTER (WHERE seq >= 0 AND seq < " + produced + ") AS sequences FROM "
                        + Lake.parquet(lakeRoot, table)).get(0);
                rows = ((Number) totals.get("n")).longValue();
                positions = ((Number) totals.get("positions")).longValue();
                sequences = ((Number) totals.get("sequences")).longValue();
            }
        }
        return new LakeAudit(rows, positions, sequences, produced - sequences, rows - positions,
                leftovers(lakeRoot.resolve(table)));
    }

    /** Staging files ({@code .*.tmp}) and commit manifests still pending. */
    private static List<Path> leftovers(Path tableDir) throws IOException {
        if (!Files.isDirectory(tableDir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(tableDir)) {
            return files.filter(Files::isRegularFile)
                    .filter(f -> f.getFileName().toString().endsWith(".tmp")
                            || tableDir.relativize(f).toString().startsWith("_tributary/pending/"))
                    .toList();
        }
    }

    String summary() {
        return "records in lake=" + sequences + " rows=" + rows + " lost=" + lost + " duplicated=" + duplicated
                + " leftovers=" + leftovers.size();
    }
}
