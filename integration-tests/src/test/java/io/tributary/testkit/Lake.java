package io.tributary.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Reads the lake with DuckDB, a Parquet reader no one here wrote. One in-memory database per
 * instance; nothing is written anywhere.
 *
 * <pre>{@code
 * try (Lake lake = Lake.open()) {
 *     long rows = lake.count(lakeRoot, "fleet_telemetry");
 *     List<Map<String, Object>> perDevice = lake.query(
 *             "SELECT device_id, count(*) AS n FROM " + Lake.parquet(lakeRoot, "fleet_telemetry") + " GROUP BY 1");
 * }
 * }</pre>
 */
public final class Lake implements AutoCloseable {

    private final Connection connection;

    private Lake(Connection connection) {
        this.connection = connection;
    }

    /** An in-memory DuckDB. */
    public static Lake open() {
        try {
            return new Lake(DriverManager.getConnection("jdbc:duckdb:"));
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot open an in-memory DuckDB", e);
        }
    }

    /**
     * The DuckDB table expression for every committed Parquet file of a lake table, with the Hive
     * partition folders ({@code dt=.../hour=...}) as columns. Hidden temporary files do not end in
     * {@code .parquet} and are not read.
     */
    public static String parquet(Path lakeRoot, String table) {
        String glob = lakeRoot.toAbsolutePath().resolve(table) + "/**/*.parquet";
        return "read_parquet(" + quote(glob) + ", hive_partitioning = true)";
    }

    /** Rows in a lake table; 0 while it has no committed file yet. */
    public long count(Path lakeRoot, String table) {
        if (!hasFiles(lakeRoot, table)) {
            return 0;
        }
        Object count = query("SELECT count(*) AS n FROM " + parquet(lakeRoot, table)).get(0).get("n");
        return ((Number) count).longValue();
    }

    /** The committed Parquet files of a lake table, for assertions on names and layout. */
    public static List<Path> files(Path lakeRoot, String table) {
        Path root = lakeRoot.resolve(table);
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> paths = Files.walk(root)) {
            return paths.filter(Files::isRegularFile)
                    .filter(path -> path.getFileName().toString().endsWith(".parquet"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + root, e);
        }
    }

    /** Runs any SQL and returns its rows as column label to value, in column order. */
    public List<Map<String, Object>> query(String sql) {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            ResultSetMetaData columns = rows.getMetaData();
            List<Map<String, Object>> result = new ArrayList<>();
            while (rows.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= columns.getColumnCount(); i++) {
                    row.put(columns.getColumnLabel(i), rows.getObject(i));
                }
                result.add(row);
            }
            return result;
        } catch (SQLException e) {
            throw new IllegalStateException("DuckDB query failed: " + e.getMessage() + "\nSQL: " + sql, e);
        }
    }

    /** Runs a statement that returns no rows, e.g. {@code COPY ... TO}. */
    public void execute(String sql) {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("DuckDB statement failed: " + e.getMessage() + "\nSQL: " + sql, e);
        }
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot close DuckDB", e);
        }
    }

    private static boolean hasFiles(Path lakeRoot, String table) {
        return !files(lakeRoot, table).isEmpty();
    }

    /** A SQL string literal. */
    static String quote(String value) {
        return "'" + value.replace("'", "''") + "'";
    }
}
