package io.tributary.lake.testing;

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

/**
 * Reads lake output with DuckDB, a Parquet reader that none of us wrote. {@code {files}} in a query
 * stands for {@code read_parquet('<dir>/**&#47;*.parquet')}, {@code {hive}} for the same with the
 * folder names as columns ({@code dt}, {@code hour}); {@code {metadata}} and {@code {schema}} for
 * {@code parquet_metadata} and {@code parquet_schema} of the same files.
 */
public final class DuckDb {

    private DuckDb() {
    }

    public static List<Map<String, Object>> query(Path dir, String sql) throws SQLException {
        String glob = "'" + dir.toAbsolutePath().toString().replace("'", "''") + "/**/*.parquet'";
        String files = "read_parquet(" + glob + ", hive_partitioning = false)";
        String hive = "read_parquet(" + glob + ", hive_partitioning = true)";
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql.replace("{files}", files)
                     .replace("{hive}", hive)
                     .replace("{metadata}", "parquet_metadata(" + glob + ")")
                     .replace("{schema}", "parquet_schema(" + glob + ")"))) {
            ResultSetMetaData meta = rows.getMetaData();
            List<Map<String, Object>> result = new ArrayList<>();
            while (rows.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    row.put(meta.getColumnLabel(i), rows.getObject(i));
                }
                result.add(row);
            }
            return result;
        }
    }

    public static long count(Path dir, String sql) throws SQLException {
        return ((Number) query(dir, sql).get(0).values().iterator().next()).longValue();
    }
}
