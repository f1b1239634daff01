package io.tributary.lake.iceberg;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.iceberg.CatalogProperties;
import org.apache.iceberg.jdbc.JdbcCatalog;
import org.apache.iceberg.jdbc.UncheckedSQLException;

/** Opens the JDBC catalog that an {@link IcebergCatalogSettings} describes, with the lake root as warehouse. */
public final class IcebergCatalogs {

    private IcebergCatalogs() {
    }

    /**
     * @param warehouse the lake root; tables live in {@code <warehouse>/<table>}, metadata in its
     *                  {@code metadata/} folder
     */
    public static JdbcCatalog open(IcebergCatalogSettings settings, Path warehouse) {
        Map<String, String> props = new HashMap<>();
        if (settings.uri() == null) {
            // the embedded catalog file lives under the lake root, which a first start has not created yet
            try {
                Files.createDirectories(warehouse);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create the lake root " + warehouse + " for the Iceberg catalog", e);
            }
        }
        String uri = settings.uriUnder(warehouse);
        props.put(CatalogProperties.URI, uri);
        props.put(CatalogProperties.WAREHOUSE_LOCATION, warehouse.toAbsolutePath().normalize().toUri().toString());
        props.put(CatalogProperties.FILE_IO_IMPL, "org.apache.iceberg.hadoop.HadoopFileIO");
        // V1 schema: also records views; the catalog creates its tables on first use
        props.put("jdbc.schema-version", "V1");
        if (settings.user() != null) {
            props.put(JdbcCatalog.PROPERTY_PREFIX + "user", settings.user());
        }
        if (settings.password() != null) {
            props.put(JdbcCatalog.PROPERTY_PREFIX + "password", settings.password());
        }
        if (uri.startsWith("jdbc:sqlite:")) {
            // SQLite allows one writer at a time: wait for the lock instead of failing at once
            props.put(JdbcCatalog.PROPERTY_PREFIX + "busy_timeout", "30000");
        }
        for (int attempt = 1; ; attempt++) {
            JdbcCatalog catalog = new JdbcCatalog();
            catalog.setConf(new Configuration());
            try {
                catalog.initialize("tributary", props);
                return catalog;
            } catch (UncheckedSQLException raced) {
                // hubs opening a new catalog together race to create its tables and to add the V1 column
                // (SQLite: "duplicate column name: iceberg_type"); the loser finds them in place on the next
                // attempt, while a real fault fails every attempt and is thrown
                closeQuietly(catalog);
                if (attempt == IcebergTableSetup.MAX_ATTEMPTS) {
                    throw raced;
                }
                IcebergTableSetup.pause(attempt);
            }
        }
    }

    private static void closeQuietly(JdbcCatalog catalog) {
        try {
            catalog.close();
        } catch (RuntimeException ignored) {
            // a half-initialised catalog may have nothing to close
        }
    }
}
