package io.tributary.lake.iceberg;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.lake.ColumnType;
import io.tributary.lake.LakeColumn;
import io.tributary.lake.LakeTable;
import io.tributary.lake.PartitionGranularity;
import io.tributary.lake.Partitioning;
import io.tributary.lake.RollPolicy;
import io.tributary.lake.mapping.LakeSchema;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.iceberg.Table;
import org.apache.iceberg.jdbc.JdbcCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several hubs starting at once on a table nobody has created yet, each with its own catalog connection (as separate
 * processes have): they race to create the namespace, the table and to add their columns. Every one must start; the
 * catalog's refusals of the losers (a primary key conflict on the namespace row, a table that now exists, a schema
 * commit on a stale version) are not failures of the hub.
 */
class IcebergTableSetupRaceTest {

    private static final int HUBS = 4;
    private static final int ROUNDS = 6;
    private static final Partitioning BY_DAY = Partitioning.parse(List.of("day(event_time)"));

    @TempDir
    Path lake;

    @Test
    void hubsStartingTogetherOnANewTableAllStartAndTheTableGetsEveryColumn() throws Exception {
        IcebergCatalogSettings settings = IcebergCatalogSettings.embedded(lake, "unused");
        List<JdbcCatalog> catalogs = new ArrayList<>();
        ExecutorService hubs = Executors.newFixedThreadPool(HUBS);
        try {
            // the catalog's own tables are created as the hubs start, concurrently too
            CyclicBarrier opening = new CyclicBarrier(HUBS);
            List<Future<JdbcCatalog>> opened = new ArrayList<>();
            for (int i = 0; i < HUBS; i++) {
                opened.add(hubs.submit(() -> {
                    opening.await(10, TimeUnit.SECONDS);
                    return IcebergCatalogs.open(settings, lake);
                }));
            }
            for (Future<JdbcCatalog> catalog : opened) {
                catalogs.add(catalog.get(60, TimeUnit.SECONDS));
            }
            for (int round = 0; round < ROUNDS; round++) {
                String namespace = "race_" + round;
                String name = "telemetry_" + round;
                CyclicBarrier together = new CyclicBarrier(HUBS);
                List<Future<Table>> started = new ArrayList<>();
                for (int hub = 0; hub < HUBS; hub++) {
                    JdbcCatalog catalog = catalogs.get(hub);
                    // each hub's config has one column of its own, so the table must end with all of them
                    org.apache.avro.Schema schema = LakeSchema.of(table(name, "temp", "extra_" + hub));
                    started.add(hubs.submit(() -> {
                        together.await(10, TimeUnit.SECONDS);
                        return IcebergTableSetup.loadOrCreate(catalog, namespace, name, schema, BY_DAY,
                                lake.resolve(name).toUri().toString());
                    }));
                }
                for (Future<Table> hub : started) {
                    hub.get(60, TimeUnit.SECONDS);
                }
                Table table = catalogs.get(0).loadTable(org.apache.iceberg.catalog.TableIdentifier.of(namespace, name));
                for (int hub = 0; hub < HUBS; hub++) {
                    assertThat(table.schema().findField("extra_" + hub)).as("round %d: column of hub %d", round, hub)
                            .isNotNull();
                }
            }
        } finally {
            hubs.shutdownNow();
            for (JdbcCatalog catalog : catalogs) {
                catalog.close();
            }
        }
    }

    private static LakeTable table(String name, String... columns) {
        List<LakeColumn> lakeColumns = new ArrayList<>();
        for (String column : columns) {
            lakeColumns.add(new LakeColumn(column, ColumnType.DOUBLE, "/" + column, false));
        }
        return new LakeTable(name, "telemetry.race", "telemetry.race.dlq", PartitionGranularity.DAY, lakeColumns,
                new RollPolicy(1000, 1 << 20, Duration.ofSeconds(5)), null);
    }
}
