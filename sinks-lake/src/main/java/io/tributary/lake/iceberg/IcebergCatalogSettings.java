package io.tributary.lake.iceberg;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where an Iceberg table's metadata pointer lives: a JDBC catalog.
 *
 * @param uri       JDBC URL of the catalog database ({@code jdbc:sqlite:...} or {@code jdbc:postgresql://...})
 * @param user      database user, or null
 * @param password  database password, or null; never logged
 * @param namespace the Iceberg namespace the hub's tables are created in
 */
public record IcebergCatalogSettings(String uri, String user, String password, String namespace) {

    /** The file name of the embedded SQLite catalog under the lake root. */
    public static final String SQLITE_FILE = "iceberg-catalog.db";
    public static final String DEFAULT_NAMESPACE = "tributary";

    public IcebergCatalogSettings {
        Objects.requireNonNull(uri, "catalog uri");
        Objects.requireNonNull(namespace, "catalog namespace");
        if (!uri.startsWith("jdbc:")) {
            throw new IllegalArgumentException("catalog uri '" + uri + "' is not a JDBC URL: use jdbc:sqlite:<file>"
                    + " or jdbc:postgresql://host:port/database");
        }
    }

    /** The embedded default: a SQLite file under the lake root, no credentials. */
    public static IcebergCatalogSettings embedded(Path lakeRoot, String namespace) {
        return new IcebergCatalogSettings(sqliteUri(lakeRoot), null, null, namespace);
    }

    public static String sqliteUri(Path lakeRoot) {
        return "jdbc:sqlite:" + lakeRoot.toAbsolutePath().normalize().resolve(SQLITE_FILE);
    }

    /** Never shows the password. */
    @Override
    public String toString() {
        return "IcebergCatalogSettings[uri=" + uri + ", user=" + user + ", password="
                + (password == null ? "none" : "****") + ", namespace=" + namespace + "]";
    }
}
