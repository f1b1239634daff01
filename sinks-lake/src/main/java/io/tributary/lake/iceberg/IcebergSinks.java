package io.tributary.lake.iceberg;

import io.tributary.lake.LakeListener;
import io.tributary.lake.LakeTable;
import io.tributary.lake.file.PartitionPathResolver;
import io.tributary.lake.mapping.LakeSchema;
import io.tributary.lake.storage.LakeStorage;
import io.tributary.lake.storage.local.LocalStorage;
import java.nio.file.Path;
import org.apache.iceberg.Table;
import org.apache.iceberg.jdbc.JdbcCatalog;
import org.apache.kafka.clients.consumer.Consumer;

/** Builds the committer of a lake sink whose table format is Iceberg: catalog, table, committer. */
public final class IcebergSinks {

    private IcebergSinks() {
    }

    /**
     * Opens the catalog, creates the table (or adds the columns the config gained) and returns a
     * committer that closes the catalog when it is closed.
     *
     * @throws IllegalArgumentException when the storage is not a local folder: Iceberg reads data
     *         files through its own FileIO, which is set up for local paths only so far
     */
    public static IcebergCommitter committer(LakeTable table, IcebergCatalogSettings settings, LakeStorage storage,
                                             Consumer<?, ?> consumer, LakeListener listener) {
        if (!(storage instanceof LocalStorage local)) {
            throw new IllegalArgumentException("lake table '" + table.name() + "' is an Iceberg table, which needs"
                    + " the local lake storage; " + storage.describe() + " is not supported for Iceberg yet");
        }
        Path root = local.root();
        JdbcCatalog catalog = IcebergCatalogs.open(settings, root);
        try {
            Table iceberg = IcebergTableSetup.loadOrCreate(catalog, settings.namespace(), table.name(),
                    LakeSchema.of(table), table.partitionBy(), root.resolve(table.name()).toUri().toString());
            IcebergCommitter.DataFileFactoryInputs inputs = new IcebergCommitter.DataFileFactoryInputs(
                    new PartitionPathResolver(table.partitionBy()), path -> root.resolve(path).toUri().toString());
            return new IcebergCommitter(iceberg, table.topic(), storage, inputs, consumer, listener, table.name())
                    .closing(catalog);
        } catch (RuntimeException e) {
            catalog.close();
            throw e;
        }
    }
}
