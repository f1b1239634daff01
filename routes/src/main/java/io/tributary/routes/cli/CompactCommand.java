package io.tributary.routes.cli;

import io.tributary.lake.LakeTable;
import io.tributary.lake.TableFormat;
import io.tributary.lake.iceberg.IcebergCatalogs;
import io.tributary.lake.iceberg.IcebergCompactor;
import io.tributary.routes.config.ConfigLoader;
import io.tributary.routes.config.LoadedConfig;
import io.tributary.routes.config.Variables;
import io.tributary.routes.runtime.LakeTables;
import io.tributary.spec.ByteSizes;
import io.tributary.spec.Durations;
import io.tributary.connector.SourceConnectors;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.jdbc.JdbcCatalog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tributary compact <table>}: merges the small files of a lake table's closed partitions. */
@Command(name = "compact", mixinStandardHelpOptions = true,
        description = {"Merges the small files of a lake table's closed partitions into files of about --target-size.",
                "Iceberg tables (format: iceberg): one Iceberg rewrite per run, so readers see the old files or the",
                "new ones, never both; the snapshot keeps the table's Kafka offsets, and the hub may keep running.",
                "A partition is closed when its day or hour ended more than --grace ago."})
final class CompactCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "TABLE", description = "The lake table (lake.table of a source).")
    String table;

    @Option(names = "--config", paramLabel = "DIR", defaultValue = "config",
            description = "Config directory with hub.yaml and sources/ (default: ${DEFAULT-VALUE}).")
    Path config;

    @Option(names = "--partition", paramLabel = "FOLDER",
            description = "Only this partition folder, e.g. dt=2026-11-21/hour=08 (repeatable); all closed ones when absent.")
    List<String> partitions = new ArrayList<>();

    @Option(names = "--target-size", paramLabel = "SIZE", defaultValue = "128MB",
            description = "Files at or above this size stay as they are; merged files grow up to about it (default: ${DEFAULT-VALUE}).")
    String targetSize;

    @Option(names = "--grace", paramLabel = "DURATION", defaultValue = "1h",
            description = "How long after its end a day or hour partition counts as closed (default: ${DEFAULT-VALUE}).")
    String grace;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        long target;
        Instant closedBefore;
        try {
            target = ByteSizes.parse(targetSize.trim().toUpperCase(Locale.ROOT));
            closedBefore = Instant.now().minus(Durations.parse(grace.trim()));
        } catch (IllegalArgumentException e) {
            err.println("compact: " + e.getMessage());
            err.flush();
            return 2;
        }
        LoadedConfig loaded = new ConfigLoader(SourceConnectors.discover(), Variables.environment()).load(config);
        if (!ConfigDirOption.report(loaded, err)) {
            return 1;
        }
        Optional<LakeTable> found = loaded.sources().stream().map(LakeTables::of).flatMap(Optional::stream)
                .filter(t -> t.name().equals(table)).findFirst();
        if (found.isEmpty()) {
            err.println("compact: no source in " + config + " writes lake table '" + table + "'; tables: "
                    + loaded.sources().stream().map(LakeTables::of).flatMap(Optional::stream).map(LakeTable::name).toList());
            err.flush();
            return 2;
        }
        if (!(found.get().format() instanceof TableFormat.Iceberg iceberg)) {
            // readers of plain Parquet list the folders (DuckDB's **, Hive-style engines): no order of adding the
            // merged file and deleting the small ones keeps them from seeing duplicates or a gap in between
            err.println("compact: lake table '" + table + "' is a plain Parquet table; readers that list its"
                    + " folders would see rows twice or missing while files were swapped. Only Iceberg tables"
                    + " (lake.format: iceberg) are compacted, in one atomic rewrite");
            err.flush();
            return 2;
        }
        Path lakeRoot = loaded.hub().lakeRoot();
        try (JdbcCatalog catalog = IcebergCatalogs.open(iceberg.catalog(), lakeRoot)) {
            Table icebergTable = catalog.loadTable(TableIdentifier.of(iceberg.catalog().namespace(), table));
            IcebergCompactor compactor = new IcebergCompactor(icebergTable);
            List<String> folders = partitions.isEmpty() ? java.util.Collections.singletonList(null) : partitions;
            for (String folder : folders) {
                IcebergCompactor.Result result = compactor.compact(folder, target, closedBefore);
                out.printf(Locale.ROOT, "%s%s: %d file(s) merged into %d in %d partition(s), %d rows%n", table,
                        folder == null ? "" : " " + folder, result.filesRemoved(), result.filesAdded(),
                        result.partitions(), result.rows());
            }
        }
        out.flush();
        return 0;
    }
}
