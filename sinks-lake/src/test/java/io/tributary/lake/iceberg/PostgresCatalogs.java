package io.tributary.lake.iceberg;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A private PostgreSQL cluster for one test class and a fresh catalog database per call, so tests of
 * the class never see each other's tables. Register it as a static {@code @RegisterExtension} field.
 */
final class PostgresCatalogs implements BeforeAllCallback, AfterAllCallback {

    private final String databasePrefix;
    private final AtomicInteger databases = new AtomicInteger();
    private PostgresServer postgres;

    PostgresCatalogs(String databasePrefix) {
        this.databasePrefix = databasePrefix;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        postgres = PostgresServer.start();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (postgres != null) {
            postgres.close();
        }
    }

    /** A new, empty catalog database; trust authentication: the password travels but is not checked. */
    IcebergCatalogSettings newCatalog(String namespace) throws Exception {
        String uri = postgres.createDatabase(databasePrefix + databases.incrementAndGet());
        return new IcebergCatalogSettings(uri, PostgresServer.USER, "not-checked", namespace);
    }
}
