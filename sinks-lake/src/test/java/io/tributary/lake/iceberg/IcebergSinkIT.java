package io.tributary.lake.iceberg;

import java.nio.file.Path;

/** The Iceberg sink on the embedded default catalog: a SQLite file under the lake root. */
class IcebergSinkIT extends IcebergSinkContract {

    @Override
    IcebergCatalogSettings catalog(Path lake) {
        return IcebergCatalogSettings.embedded(lake, "tributary");
    }
}
