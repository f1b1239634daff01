package io.tributary.lake.iceberg;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The Iceberg sink on a PostgreSQL catalog: a private cluster for this class, a database per test. */
class IcebergSinkPostgresIT extends IcebergSinkContract {

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
        String uri = postgres.createDatabase("sink_" + DATABASES.incrementAndGet());
        return new IcebergCatalogSettings(uri, PostgresServer.USER, "not-checked", "lake");
    }
}
