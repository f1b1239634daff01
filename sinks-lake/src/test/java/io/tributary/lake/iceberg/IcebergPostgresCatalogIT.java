package io.tributary.lake.iceberg;

import java.nio.file.Path;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The committer contract on a PostgreSQL catalog: a private cluster started for this class, a database per test. */
class IcebergPostgresCatalogIT extends IcebergCommitterContract {

    @RegisterExtension
    static final PostgresCatalogs POSTGRES = new PostgresCatalogs("catalog_");

    @Override
    IcebergCatalogSettings catalog(Path lake) throws Exception {
        return POSTGRES.newCatalog("tributary");
    }
}
