package io.tributary.lake.iceberg;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where an Iceberg table's metadata pointer lives: a JDBC catalog.
 *
 * @param uri       JDBC URL of the catalog database ({@code jdbc:sqlite:...} or {@code jdbc:postgresql://...}),
 *                  or null for the embedded default: the SQLite file {@value #SQLITE_FILE} under the lake root
 * @param user      database user, or null
 * @param password  database password, or null; never logged
 * @param namespace the Iceberg namespace the hub's tables are created in
 */
public record IcebergCatalogSettings(String uri, String user, String password, String namespace) {

    /** The file name of the embedded SQLite catalog under the lake root. */
    public static final String SQLITE_FILE = "iceberg-catalog.db";
    public static final String DEFAULT_NAMESPACE = "tributary";

    public IcebergCatalogSettings {
        Objects.requireNonNull(namespace, "catalog namespace");
        if (uri != null && !uri.startsWith("jdbc:")) {
            throw new IllegalArgumentException("catalog uri '" + uri + "' is not a JDBC URL: use jdbc:sqlite:<file>"
                    + " or jdbc:postgresql://host:port/database");
        }
    }

    /** The embedded default: a SQLite file under the lake root, no credentials. */
    public static IcebergCatalogSettings embedded(Path lakeRoot, String namespace) {
        return new IcebergCatalogSettings(sqliteUri(lakeRoot), null, null, namespace);
    }

    /** The JDBC URL to connect to: {@link #uri()}, or the embedded SQLite file under {@code lakeRoot}. */
    public String uriUnder(Path lakeRoot) {
        return uri != null ? uri : sqliteUri(lakeRoot);
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
