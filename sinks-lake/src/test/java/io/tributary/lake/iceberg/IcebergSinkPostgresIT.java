package io.tributary.lake.iceberg;

import java.nio.file.Path;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The Iceberg sink on a PostgreSQL catalog: a private cluster for this class, a database per test. */
class IcebergSinkPostgresIT extends IcebergSinkContract {

    @RegisterExtension
    static final PostgresCatalogs POSTGRES = new PostgresCatalogs("sink_");

    @Override
    IcebergCatalogSettings catalog(Path lake) throws Exception {
        return POSTGRES.newCatalog("lake");
    }
}
