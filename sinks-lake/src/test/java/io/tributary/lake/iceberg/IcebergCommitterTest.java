package io.tributary.lake.iceberg;

import java.nio.file.Path;

/** The committer contract on the embedded default catalog: a SQLite file under the lake root. */
class IcebergCommitterTest extends IcebergCommitterContract {

    @Override
    IcebergCatalogSettings catalog(Path lake) {
        return IcebergCatalogSettings.embedded(lake, "tributary");
    }
}
