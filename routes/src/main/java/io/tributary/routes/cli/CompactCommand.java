package io.tributary.routes.cli;

import io.tributary.lake.LakeTable;
import io.tributary.lake.TableFormat;
import io.tributary.lake.compaction.CompactionRefusedException;
import io.tributary.lake.compaction.ParquetTableCompactor;
import io.tributary.lake.iceberg.IcebergCatalogs;
import io.tributary.lake.iceberg.IcebergCompactor;
import io.tributary.lake.iceberg.IcebergOrphanFiles;
import io.tributary.lake.iceberg.IcebergSnapshotExpiry;
import io.tributary.routes.config.ConfigLoader;
import io.tributary.routes.config.LakeStorageOptions;
import io.tributary.routes.config.LoadedConfig;
import io.tributary.routes.config.Variables;
import io.tributary.routes.runtime.LakeStorages;
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
                "Plain Parquet tables on local storage: each partition folder's new content is built beside the lake",
                "and exchanged with the folder in one atomic rename (Linux renameat2), so a reader listing the folder",
                "sees the old files or the new ones; folders a writer is at work in are skipped, files a writer adds",
                "meanwhile are kept. Plain Parquet tables in object stores are refused (no atomic multi-object swap).",
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

    @Option(names = "--expire-snapshots", paramLabel = "AGE",
            description = "Iceberg tables only: after compacting, expire the snapshots older than AGE (e.g. 7d) except"
                    + " the current one, deleting the files only they reference. Files a compaction replaced go once"
                    + " the compaction's own snapshot has expired (a newer one exists and it is older than AGE).")
    String expireSnapshots;

    @Option(names = "--remove-orphans", paramLabel = "AGE",
            // one string: picocli starts each element of a description array on a new, unindented line
            description = "Iceberg tables only: last, delete the Parquet files in the table's folders that no snapshot"
                    + " refers to and that are older than AGE (e.g. 1d): those of commits a hub was killed in, or that"
                    + " were refused (fenced zombies); a glob over the folders reads their rows twice. AGE must exceed"
                    + " the longest a hub can take between publishing its files and committing them (1d is ample): a"
                    + " younger file may belong to a commit still in flight.")
    String removeOrphans;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        long target;
        Instant closedBefore;
        Optional<Instant> expireBefore;
        Optional<Instant> orphansBefore;
        try {
            target = ByteSizes.parse(targetSize.trim().toUpperCase(Locale.ROOT));
            closedBefore = Instant.now().minus(Durations.parse(grace.trim()));
            expireBefore = Optional.ofNullable(expireSnapshots)
                    .map(age -> Instant.now().minus(Durations.parse(age.trim())));
            orphansBefore = Optional.ofNullable(removeOrphans)
                    .map(age -> Instant.now().minus(Durations.parse(age.trim())));
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
            if (expireBefore.isPresent()) {
                err.println("compact: --expire-snapshots applies to Iceberg tables; '" + table + "' is a plain Parquet"
                        + " table, whose compaction deletes the replaced files itself");
                err.flush();
                return 2;
            }
            if (orphansBefore.isPresent()) {
                err.println("compact: --remove-orphans applies to Iceberg tables; '" + table + "' is a plain Parquet"
                        + " table, which has no orphan files: its files are staged hidden and discarded when a hub"
                        + " takes the partition over");
                err.flush();
                return 2;
            }
            return compactParquet(loaded, target, closedBefore, out, err);
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
            if (expireBefore.isPresent()) {
                IcebergSnapshotExpiry.Result expired = new IcebergSnapshotExpiry(icebergTable)
                        .expireOlderThan(expireBefore.get());
                out.printf(Locale.ROOT, "%s: %d snapshot(s) older than %s expired, %d file(s) deleted%n", table,
                        expired.snapshotsExpired(), expireSnapshots.trim(), expired.filesDeleted());
            }
            if (orphansBefore.isPresent()) {
                IcebergOrphanFiles.Result orphans;
                try {
                    orphans = new IcebergOrphanFiles(icebergTable).removeOlderThan(orphansBefore.get());
                } catch (IllegalStateException refused) {
                    err.println("compact: " + refused.getMessage());
                    err.flush();
                    return 1;
                }
                orphans.deleted().forEach(path -> out.println(table + ": deleted orphan file " + path));
                out.printf(Locale.ROOT, "%s: %d data file(s) found, %d referenced by a snapshot, %d orphan(s) older"
                                + " than %s deleted, %d younger kept%n", table, orphans.filesFound(), orphans.referenced(),
                        orphans.orphansDeleted(), removeOrphans.trim(), orphans.keptTooYoung());
            }
        }
        out.flush();
        return 0;
    }

    private int compactParquet(LoadedConfig loaded, long target, Instant closedBefore, PrintWriter out, PrintWriter err)
            throws java.io.IOException {
        String storage = loaded.hub().lakeStorage().get(LakeStorageOptions.TYPE);
        if (!"local".equals(storage)) {
            // an object store has no operation that replaces several objects at once: readers listing the
            // prefix would see the small files and the merged one, or neither, while they were replaced
            err.println("compact: lake table '" + table + "' is a plain Parquet table in " + LakeStorages.describe(loaded.hub())
                    + "; object stores cannot replace several files atomically, so readers listing it would see rows"
                    + " twice or missing. Plain Parquet tables are compacted on local storage only");
            err.flush();
            return 2;
        }
        ParquetTableCompactor.Result result;
        try {
            result = new ParquetTableCompactor(loaded.hub().lakeRoot(), table).compact(partitions, target, closedBefore);
        } catch (CompactionRefusedException refused) {
            err.println("compact: " + refused.getMessage());
            err.flush();
            return 2;
        }
        for (String leftover : result.leftoversCleaned()) {
            out.println(table + ": finished staging folder " + leftover + " of an interrupted compaction");
        }
        for (ParquetTableCompactor.FolderResult folder : result.folders()) {
            switch (folder.status()) {
                case MERGED -> out.printf(Locale.ROOT, "%s %s: %d file(s) merged into %d, %d rows; %d file(s) now%s%n",
                        table, folder.folder(), folder.filesMerged(), folder.filesWritten(), folder.rowsMerged(),
                        folder.filesAfter(), folder.returned().isEmpty() ? ""
                                : "; kept " + folder.returned() + " that a writer added meanwhile");
                case SKIPPED -> out.printf(Locale.ROOT, "%s %s: skipped, %s%n", table, folder.folder(), folder.reason());
                case FAILED -> err.printf(Locale.ROOT, "compact: %s %s failed: %s%n", table, folder.folder(), folder.reason());
                case UNCHANGED -> { }
            }
        }
        out.printf(Locale.ROOT, "%s: %d file(s) merged into %d in %d folder(s), %d rows; %d folder(s) had nothing to"
                        + " merge, %d skipped%n", table, result.filesMerged(), result.filesWritten(), result.merged().size(),
                result.rowsMerged(), result.with(ParquetTableCompactor.Status.UNCHANGED).size(),
                result.with(ParquetTableCompactor.Status.SKIPPED).size());
        out.flush();
        err.flush();
        return result.with(ParquetTableCompactor.Status.FAILED).isEmpty() ? 0 : 1;
    }
}
