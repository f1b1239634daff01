package io.tributary.lake.compaction;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compacts the closed partition folders of a plain Parquet table on local disk, one folder at a time,
 * each by an atomic folder exchange ({@link FolderCompactor}); see there for what readers see. One run
 * per table at a time ({@link CompactionLock}); a run first finishes what an interrupted run left
 * ({@link StagingArea#cleanLeftovers}). The hub may keep running: folders a writer is at work in are
 * skipped, and files a writer adds during a folder's compaction end up in the folder.
 */
public final class ParquetTableCompactor {

    private static final Logger LOG = LoggerFactory.getLogger(ParquetTableCompactor.class);
    /**
     * How long the old files of a swapped folder stay in its staging folder: a reader whose listing of the
     * folder began just before the exchange reads the old folder's entries while they are deleted, and
     * could miss some; directory listings take milliseconds, so this lets them finish first.
     */
    public static final Duration DEFAULT_SETTLE = Duration.ofSeconds(1);

    /** What happened to a partition folder. */
    public enum Status {
        /** small files were merged and the folder swapped */
        MERGED,
        /** nothing to merge (no two small files with one schema) */
        UNCHANGED,
        /** not compacted: open, a writer at work, sub-folders; see the reason */
        SKIPPED,
        /** compacting it failed; see the reason. An exchange that happened is finished by the next run */
        FAILED
    }

    /**
     * What happened to one partition folder.
     *
     * @param returned entries a writer added to the folder while it was compacted; they are in the folder
     */
    public record FolderResult(String folder, Status status, int filesBefore, int filesAfter, int filesMerged,
                               long rowsMerged, String reason, List<String> returned) {

        /** Merged files written. */
        public int filesWritten() {
            return filesAfter - (filesBefore - filesMerged);
        }
    }

    /** A run: per-folder results, and what was left by interrupted runs and cleaned up first. */
    public record Result(List<FolderResult> folders, List<String> leftoversCleaned) {

        public List<FolderResult> merged() {
            return with(Status.MERGED);
        }

        public List<FolderResult> with(Status status) {
            return folders.stream().filter(f -> f.status() == status).toList();
        }

        public int filesMerged() {
            return merged().stream().mapToInt(FolderResult::filesMerged).sum();
        }

        public int filesWritten() {
            return merged().stream().mapToInt(FolderResult::filesWritten).sum();
        }

        public long rowsMerged() {
            return merged().stream().mapToLong(FolderResult::rowsMerged).sum();
        }
    }

    private final Path lakeRoot;
    private final String table;
    private final Duration settle;
    private final FolderCompactor.Steps steps;

    public ParquetTableCompactor(Path lakeRoot, String table) {
        this(lakeRoot, table, DEFAULT_SETTLE, FolderCompactor.Steps.NONE);
    }

    ParquetTableCompactor(Path lakeRoot, String table, Duration settle, FolderCompactor.Steps steps) {
        this.lakeRoot = lakeRoot.toAbsolutePath().normalize();
        this.table = table;
        this.settle = settle;
        this.steps = steps;
    }

    /**
     * @param partitions   folders to compact (and those below them), e.g. {@code dt=2026-11-21/hour=08}; all when empty
     * @param targetBytes  files at or above this size are kept as they are; merged files grow up to about it
     * @param closedBefore a folder is compacted only when its day or hour ended before this instant
     * @throws CompactionRefusedException when another compaction holds the table or the file system cannot
     *                                    exchange folders atomically
     */
    public Result compact(List<String> partitions, long targetBytes, Instant closedBefore) throws IOException {
        Path tableFolder = lakeRoot.resolve(table);
        if (!java.nio.file.Files.isDirectory(tableFolder)) {
            return new Result(List.of(), List.of()); // nothing written yet; don't create the folder for the lock
        }
        StagingArea staging = new StagingArea(lakeRoot, table);
        FolderCompactor compactor = new FolderCompactor(tableFolder, staging, new WriterActivity(lakeRoot, table),
                targetBytes, steps);
        List<FolderResult> results = new ArrayList<>();
        List<String> leftovers = new ArrayList<>();
        Deque<FolderCompactor.Swapped> retiring = new ArrayDeque<>();
        try (CompactionLock lock = CompactionLock.acquire(tableFolder, table)) {
            for (StagingArea.Leftover leftover : staging.cleanLeftovers()) {
                leftovers.add(leftover.staging().getFileName() + (leftover.folder() == null ? "" : " (" + leftover.folder()
                        + (leftover.returned().isEmpty() ? "" : ", returned " + leftover.returned()) + ")"));
            }
            List<String> folders = ClosedFolders.withDataFiles(tableFolder);
            for (String partition : partitions) {
                if (folders.stream().noneMatch(folder -> ClosedFolders.named(folder, List.of(partition)))) {
                    results.add(new FolderResult(partition, Status.SKIPPED, 0, 0, 0, 0, "no folder of the table with"
                            + " Parquet files is or is below it", List.of()));
                }
            }
            for (String folder : folders) {
                if (!ClosedFolders.selected(folder, partitions)) {
                    continue;
                }
                FolderCompactor.Swapped swapped;
                try {
                    Optional<String> open = ClosedFolders.openReason(folder, closedBefore,
                            ClosedFolders.named(folder, partitions));
                    swapped = open.isPresent()
                            ? new FolderCompactor.Swapped(FolderCompactor.Outcome.skipped(folder, open.get()), null, null, 0)
                            : compactor.compact(folder);
                } catch (CompactionRefusedException refused) {
                    throw refused;
                } catch (IOException | RuntimeException e) {
                    LOG.warn("Lake table '{}': compacting {} failed", table, folder, e);
                    results.add(new FolderResult(folder, Status.FAILED, 0, 0, 0, 0, e.toString(), List.of()));
                    continue;
                }
                if (swapped.staging() != null) {
                    retiring.add(swapped);
                    LOG.info("Lake table '{}': {} merged {} files into {} ({} rows)", table, folder,
                            swapped.outcome().filesMerged(), swapped.outcome().mergedInto(), swapped.outcome().rowsMerged());
                }
                results.add(result(swapped.outcome()));
                retireSettled(staging, retiring, false, results);
            }
            retireSettled(staging, retiring, true, results);
        }
        return new Result(results, leftovers);
    }

    /** Deletes the old content of swapped folders whose exchange is older than the settle time (all when {@code all}). */
    private void retireSettled(StagingArea staging, Deque<FolderCompactor.Swapped> retiring, boolean all,
                               List<FolderResult> results) throws IOException {
        while (!retiring.isEmpty()) {
            FolderCompactor.Swapped oldest = retiring.peek();
            long waitNanos = oldest.swappedAtNanos() + settle.toNanos() - System.nanoTime();
            if (waitNanos > 0) {
                if (!all) {
                    return;
                }
                try {
                    TimeUnit.NANOSECONDS.sleep(waitNanos);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted; the next compact run deletes the old files of " + table, e);
                }
            }
            retiring.poll();
            List<String> returned = staging.dispose(oldest.staging(), Optional.of(oldest.journal()));
            if (!returned.isEmpty()) {
                String folder = oldest.outcome().folder();
                for (int i = 0; i < results.size(); i++) {
                    FolderResult r = results.get(i);
                    if (r.folder().equals(folder)) {
                        List<String> together = new ArrayList<>(r.returned());
                        together.addAll(returned);
                        results.set(i, new FolderResult(r.folder(), r.status(), r.filesBefore(), r.filesAfter(),
                                r.filesMerged(), r.rowsMerged(), r.reason(), List.copyOf(together)));
                    }
                }
            }
        }
    }

    private static FolderResult result(FolderCompactor.Outcome outcome) {
        return new FolderResult(outcome.folder(), outcome.status(), outcome.filesBefore(), outcome.filesAfter(),
                outcome.filesMerged(), outcome.rowsMerged(), outcome.reason(), outcome.returned());
    }
}
