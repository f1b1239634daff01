package io.tributary.lake.iceberg;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The committer contract on a PostgreSQL catalog: a private cluster started for this class, a database per test. */
class IcebergPostgresCatalogIT extends IcebergCommitterContract {

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static PostgresServer postgres;

    @BeforeAll
    static void startPostgres() throws Exception {
        postgres = PostgresServer.start();
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        if (postgres != null) {
            postgres.close();
        }
    }

    @Override
    IcebergCatalogSettings catalog(Path lake) throws Exception {
        String uri = postgres.createDatabase("catalog_" + DATABASES.incrementAndGet());
        // trust authentication: the password travels but is not checked
        return new IcebergCatalogSettings(uri, PostgresServer.USER, "not-checked", "tributary");
    }
}
