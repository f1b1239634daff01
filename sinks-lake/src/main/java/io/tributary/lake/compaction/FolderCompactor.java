package io.tributary.lake.compaction;

import io.tributary.lake.compaction.ParquetTableCompactor.Status;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributeView;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Compacts one partition folder F of a plain Parquet table:
 * <ol>
 *   <li>lists F; skips it when a writer is at work in it ({@link WriterActivity}) or it holds sub-folders
 *       (they cannot be carried over by hard links);</li>
 *   <li>builds F's new content in a staging folder S outside the table: merged files for runs of small
 *       files ({@link ParquetMerger}), hard links of every other entry, all fsynced;</li>
 *   <li>links into S what a writer published in F meanwhile, records a journal, and exchanges S and F
 *       atomically ({@link AtomicFolderSwap});</li>
 *   <li>moves back into F whatever a writer added to F in the instant before the exchange (it is in S now).</li>
 * </ol>
 * Deleting the old files left in S is the caller's, after readers that listed F just before the exchange
 * had time to finish listing ({@link StagingArea#dispose}).
 *
 * <p>What a concurrent reader sees: F is one folder whose listing is either the old names or the new
 * ones, since the exchange replaces the whole folder at once (a reader that lists F before the exchange
 * and another after it never gets a mix). Rows are never doubled or missing: merged files exist only in
 * the new folder, the files they replace only in the old one, and kept files are the same inodes in
 * both. A query that listed the old names and opens one of the replaced files after the exchange gets
 * "file not found" and fails; it never reads wrong data, as merged names never reuse a listed name.
 *
 * <p>The one moment this cannot close without the writer's help: an entry a writer adds between the last
 * listing and the exchange (microseconds) sits in S until step 4 moves it back, so a reader listing F in
 * that instant misses its rows, and the writer, should it stage or publish that very file then, does not
 * find it: the sink then takes a failed staging for a fence and writes the batch again from Kafka, and
 * leaves a failed publish to its recovery, which publishes from the manifest once the file is back. No
 * record is lost or doubled either way; only late records of closed partitions can meet this.
 */
final class FolderCompactor {

    /** What happened to one folder. */
    record Outcome(String folder, Status status, int filesBefore, int filesAfter, int filesMerged, int mergedInto,
                   long rowsMerged, String reason, List<String> returned) {

        static Outcome skipped(String folder, String reason) {
            return new Outcome(folder, Status.SKIPPED, 0, 0, 0, 0, 0, reason, List.of());
        }
    }

    /** A folder whose exchange is done; its staging folder holds the old content until disposed of. */
    record Swapped(Outcome outcome, Path staging, StagingArea.Journal journal, long swappedAtNanos) {
    }

    /** Test seam: runs after building the new content, just before the exchange, and right after it. */
    interface Steps {
        Steps NONE = new Steps() { };

        default void afterBuild(Path folder) throws IOException {
        }

        default void beforeExchange(Path folder) throws IOException {
        }

        default void afterExchange(Path folder, Path staging) throws IOException {
        }
    }

    private static final int CATCH_UP_ATTEMPTS = 5;

    private final Path tableFolder;
    private final StagingArea staging;
    private final WriterActivity writers;
    private final long targetBytes;
    private final Steps steps;

    FolderCompactor(Path tableFolder, StagingArea staging, WriterActivity writers, long targetBytes, Steps steps) {
        this.tableFolder = tableFolder;
        this.staging = staging;
        this.writers = writers;
        this.targetBytes = targetBytes;
        this.steps = steps;
    }

    /** @return the swapped folder, or the reason nothing was swapped */
    Swapped compact(String folder) throws IOException {
        Path target = tableFolder.resolve(folder);
        if (folder.isEmpty()) {
            return unswapped(Outcome.skipped(folder, "files directly in the table folder are not compacted (the folder"
                    + " also holds _tributary); partition the table to compact it"));
        }
        Map<String, BasicFileAttributes> listing = list(target);
        Optional<String> subFolder = listing.entrySet().stream().filter(e -> e.getValue().isDirectory())
                .map(Map.Entry::getKey).findFirst();
        if (subFolder.isPresent()) {
            return unswapped(Outcome.skipped(folder, "it holds the sub-folder " + subFolder.get() + " besides data files"
                    + " (partitioning changed?); only leaf folders are swapped"));
        }
        Optional<String> staged = listing.keySet().stream().filter(FolderCompactor::writerStaging).findFirst();
        if (staged.isPresent()) {
            // seen in the listing even if it was published right after: the listing is what would be swapped
            return unswapped(Outcome.skipped(folder, "a writer is at work in it: staging file " + staged.get()));
        }
        Optional<String> busy = writers.busy(folder);
        if (busy.isPresent()) {
            return unswapped(Outcome.skipped(folder, busy.get()));
        }
        List<ParquetMerger.Part> parts = new ArrayList<>();
        for (String name : listing.keySet()) {
            if (CompactedNames.isDataFile(name) && listing.get(name).isRegularFile()) {
                try {
                    parts.add(ParquetMerger.inspect(target.resolve(name)));
                } catch (IOException | RuntimeException unreadable) {
                    return unswapped(Outcome.skipped(folder, "cannot read the Parquet footer of " + name + ": "
                            + unreadable.getMessage()));
                }
            }
        }
        List<List<ParquetMerger.Part>> bins = ParquetMerger.bins(parts, targetBytes);
        if (bins.isEmpty()) {
            return unswapped(new Outcome(folder, Status.UNCHANGED, parts.size(), parts.size(), 0, 0, 0,
                    "no two small files to merge", List.of()));
        }
        return swap(folder, target, listing, parts, bins);
    }

    private Swapped swap(String folder, Path target, Map<String, BasicFileAttributes> listing,
                         List<ParquetMerger.Part> parts, List<List<ParquetMerger.Part>> bins) throws IOException {
        Path stage = staging.create();
        StagingArea.Journal journal = null;
        boolean exchanged = false;
        try {
            Set<String> merged = new TreeSet<>();
            Set<String> built = new LinkedHashSet<>();
            long rows = 0;
            for (List<ParquetMerger.Part> bin : bins) {
                String name = CompactedNames.merged(bin.stream().map(ParquetMerger.Part::name).toList(),
                        bin.stream().map(ParquetMerger.Part::bytes).toList());
                if (listing.containsKey(name) || !built.add(name)) {
                    throw new IOException("merged file name " + name + " in " + target + " is already taken");
                }
                rows += ParquetMerger.merge(bin, stage.resolve(name), targetBytes);
                bin.forEach(part -> merged.add(part.name()));
            }
            for (String name : listing.keySet()) {
                if (!merged.contains(name)) {
                    // the same inode under the same name: readers holding either listing read the same bytes
                    Files.createLink(stage.resolve(name), target.resolve(name));
                }
            }
            copyPermissions(target, stage);
            steps.afterBuild(target);
            Set<String> listed = new TreeSet<>(listing.keySet());
            Optional<String> busy = catchUp(folder, target, stage, listed, built);
            if (busy.isPresent()) {
                staging.dispose(stage, Optional.empty());
                return unswapped(Outcome.skipped(folder, busy.get()));
            }
            journal = new StagingArea.Journal(folder, listed, new TreeSet<>(built));
            steps.beforeExchange(target);
            AtomicFolderSwap.exchange(stage, target);
            exchanged = true;
            long swappedAt = System.nanoTime();
            steps.afterExchange(target, stage);
            // first, as it shortens the moment in which an entry a writer added in the last microseconds is
            // missing from the folder (a reader would miss its rows; its writer would not find its staging file)
            List<String> returned = new ArrayList<>(staging.returnLateEntries(stage, journal));
            Durability.forceFolder(target.getParent());
            Durability.forceFolder(stage.getParent());
            returned.addAll(0, listed.stream().filter(name -> !listing.containsKey(name)).toList());
            Outcome outcome = new Outcome(folder, Status.MERGED, parts.size(),
                    (int) (parts.size() - merged.size() + built.size()), merged.size(), built.size(), rows, null,
                    returned);
            return new Swapped(outcome, stage, journal, swappedAt);
        } catch (IOException | RuntimeException e) {
            if (!exchanged) {
                staging.dispose(stage, Optional.ofNullable(journal));
            }
            throw e;
        }
    }

    /**
     * Carries entries that appeared in the folder since it was listed (a late record's published file) into
     * the staging folder as hard links, and records the journal, until a listing after the journal finds
     * nothing new; so the exchange drops nothing a reader could see. A writer that started meanwhile (a new
     * staging file, a pending commit) makes the folder skipped instead, so no file is moved from under it.
     *
     * @return why the folder is skipped, or empty when the staging folder is ready for the exchange
     */
    private Optional<String> catchUp(String folder, Path target, Path stage, Set<String> listed, Set<String> built)
            throws IOException {
        for (int attempt = 1; attempt <= CATCH_UP_ATTEMPTS; attempt++) {
            Durability.forceFolder(stage);
            staging.record(stage, new StagingArea.Journal(folder, listed, new TreeSet<>(built)));
            Optional<String> busy = writers.busy(folder);
            if (busy.isPresent()) {
                return Optional.of("a writer started in it during compaction: " + busy.get());
            }
            Map<String, BasicFileAttributes> now = list(target);
            Optional<String> removed = listed.stream().filter(name -> !now.containsKey(name)).findFirst();
            if (removed.isPresent()) {
                // swapping in our links would bring it back
                return Optional.of("its file " + removed.get() + " was removed during compaction");
            }
            List<String> added = now.keySet().stream().filter(name -> !listed.contains(name)).toList();
            if (added.isEmpty()) {
                return Optional.empty();
            }
            Optional<String> hidden = added.stream().filter(name -> name.startsWith(".")).findFirst();
            if (hidden.isPresent()) {
                return Optional.of("a writer started in it during compaction: " + hidden.get() + " appeared");
            }
            for (String name : added) {
                try {
                    Files.createLink(stage.resolve(name), target.resolve(name));
                    listed.add(name);
                } catch (java.nio.file.NoSuchFileException gone) {
                    // renamed or deleted since the listing: the next listing tells
                }
            }
        }
        return Optional.of("writers kept adding files to it during compaction (" + CATCH_UP_ATTEMPTS + " attempts)");
    }

    /** A hidden {@code .tmp} file: a writer's staging file (see LocalStorage's TempNames) or anything like it. */
    private static boolean writerStaging(String name) {
        return name.startsWith(".") && name.endsWith(".tmp");
    }

    private static Swapped unswapped(Outcome outcome) {
        return new Swapped(outcome, null, null, 0);
    }

    private static Map<String, BasicFileAttributes> list(Path folder) throws IOException {
        Map<String, BasicFileAttributes> listing = new TreeMap<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
            for (Path entry : entries) {
                try {
                    listing.put(entry.getFileName().toString(),
                            Files.readAttributes(entry, BasicFileAttributes.class, java.nio.file.LinkOption.NOFOLLOW_LINKS));
                } catch (java.nio.file.NoSuchFileException renamed) {
                    // a writer's staging file published between reading the folder and this look at it
                }
            }
        }
        return listing;
    }

    /** The new folder gets the old one's mode, so the swap changes no one's access. */
    private static void copyPermissions(Path from, Path to) throws IOException {
        PosixFileAttributeView source = Files.getFileAttributeView(from, PosixFileAttributeView.class);
        if (source != null) {
            Files.getFileAttributeView(to, PosixFileAttributeView.class).setPermissions(source.readAttributes().permissions());
        }
    }
}
