package io.tributary.lake.iceberg;

import io.tributary.lake.Partitioning;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableProperties;
import org.apache.iceberg.Transaction;
import org.apache.iceberg.avro.AvroSchemaUtil;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.exceptions.AlreadyExistsException;
import org.apache.iceberg.exceptions.CommitFailedException;
import org.apache.iceberg.exceptions.NoSuchTableException;
import org.apache.iceberg.jdbc.UncheckedSQLException;
import org.apache.iceberg.mapping.MappingUtil;
import org.apache.iceberg.mapping.NameMappingParser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates a lake table in the catalog, or loads it and adds the columns the config gained.
 *
 * <p>The data files are written by parquet-avro, which stores no Iceberg field ids; the table's
 * default name mapping ({@value TableProperties#DEFAULT_NAME_MAPPING}) lets every Iceberg reader
 * (and our own metrics) find the columns by name. We chose that over writing ids so that plain
 * Parquet and Iceberg tables share one writer and byte-identical files.
 */
public final class IcebergTableSetup {

    private static final Logger LOG = LoggerFactory.getLogger(IcebergTableSetup.class);

    private IcebergTableSetup() {
    }

    /**
     * How often a start tries again after losing a race on the catalog to another hub starting on the same table.
     * Each loser sees the winner's row on its next attempt, so a few attempts settle any number of hubs.
     */
    static final int MAX_ATTEMPTS = 8;

    /**
     * @param avroSchema the schema the sink writes files with (LakeSchema)
     * @param location   the table folder: {@code <lake root>/<table>}
     */
    public static Table loadOrCreate(Catalog catalog, String namespace, String name, org.apache.avro.Schema avroSchema,
                                     Partitioning partitioning, String location) {
        for (int attempt = 1; ; attempt++) {
            try {
                return attemptLoadOrCreate(catalog, namespace, name, avroSchema, partitioning, location);
            } catch (AlreadyExistsException | CommitFailedException | UncheckedSQLException raced) {
                // hubs starting together on a new table race to insert the namespace row (a primary key conflict,
                // which the JDBC catalog reports as a plain SQL failure), to create the table and to add columns
                // (a commit on a stale version); a real fault fails every attempt and is thrown below
                if (attempt == MAX_ATTEMPTS) {
                    throw raced;
                }
                LOG.info("Setting up Iceberg table {}.{} raced with another writer ({}); attempt {} of {}", namespace,
                        name, raced.getMessage(), attempt + 1, MAX_ATTEMPTS);
                pause(attempt);
            }
        }
    }

    private static Table attemptLoadOrCreate(Catalog catalog, String namespace, String name,
                                             org.apache.avro.Schema avroSchema, Partitioning partitioning,
                                             String location) {
        Namespace ns = Namespace.of(namespace);
        if (catalog instanceof SupportsNamespaces namespaces && !namespaces.namespaceExists(ns)) {
            namespaces.createNamespace(ns, Map.of());
        }
        TableIdentifier id = TableIdentifier.of(ns, name);
        Schema wanted = AvroSchemaUtil.toIceberg(avroSchema);
        try {
            return evolve(catalog.loadTable(id), wanted, partitioning);
        } catch (NoSuchTableException absent) {
            return create(catalog, id, wanted, partitioning, location);
        }
    }

    /** A short random pause, longer with each attempt, so that the racing hubs do not collide again in step. */
    static void pause(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(10, 50L * attempt));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while setting up an Iceberg table", e);
        }
    }

    private static Table create(Catalog catalog, TableIdentifier id, Schema schema, Partitioning partitioning,
                                String location) {
        Transaction create = catalog.buildTable(id, schema)
                .withPartitionSpec(IcebergPartitionSpecs.of(schema, partitioning))
                .withLocation(location)
                .withProperty(TableProperties.FORMAT_VERSION, "2")
                .withProperty(TableProperties.DEFAULT_FILE_FORMAT, "parquet")
                .createTransaction();
        // the table's own (freshly assigned) ids, so the mapping is taken from the transaction's table
        create.updateProperties()
                .set(TableProperties.DEFAULT_NAME_MAPPING, NameMappingParser.toJson(MappingUtil.create(create.table().schema())))
                .commit();
        create.commitTransaction();
        LOG.info("Created Iceberg table {} at {} partitioned by {}", id, location, partitioning.text());
        return catalog.loadTable(id);
    }

    private static Table evolve(Table table, Schema wanted, Partitioning partitioning) {
        PartitionSpec spec = IcebergPartitionSpecs.of(table.schema(), partitioning);
        if (!IcebergPartitionSpecs.sameLayout(table.spec(), spec)) {
            throw new IllegalStateException("Iceberg table " + table.name() + " is partitioned by " + table.spec()
                    + " but the config says partitionBy " + partitioning.text()
                    + "; change the config back, or drop or migrate the table");
        }
        boolean missing = wanted.columns().stream().anyMatch(column -> table.schema().findField(column.name()) == null);
        if (missing) {
            table.updateSchema().unionByNameWith(wanted).commit();
            LOG.info("Iceberg table {}: added columns, schema now {}", table.name(), table.schema());
        }
        String mapping = NameMappingParser.toJson(MappingUtil.create(table.schema()));
        if (!mapping.equals(table.properties().get(TableProperties.DEFAULT_NAME_MAPPING))) {
            table.updateProperties().set(TableProperties.DEFAULT_NAME_MAPPING, mapping).commit();
        }
        return table;
    }
}
