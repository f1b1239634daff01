package io.tributary.lake.compaction;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Which partition folders of a plain Parquet table hold data files, and whether each is closed: its
 * day ({@code dt=2026-11-21}) or hour ({@code dt=2026-11-21/hour=08}) ended before a given instant,
 * the rule {@link io.tributary.lake.iceberg.IcebergCompactor} applies to Iceberg partitions. A folder
 * without a time level (partitioned by device only) is closed only when named explicitly.
 */
final class ClosedFolders {

    private ClosedFolders() {
    }

    /**
     * Folders below the table folder holding at least one visible {@code .parquet} file, relative with
     * '/', sorted; the table folder itself is {@code ""}. Folders whose names start with '_' or '.'
     * (the sink's {@code _tributary}) are not table data, as for Hive-style readers.
     */
    static List<String> withDataFiles(Path tableFolder) throws IOException {
        TreeSet<String> folders = new TreeSet<>();
        if (!Files.isDirectory(tableFolder)) {
            return List.of();
        }
        Files.walkFileTree(tableFolder, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                String name = dir.getFileName().toString();
                boolean hidden = !dir.equals(tableFolder) && (name.startsWith("_") || name.startsWith("."));
                return hidden ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (attrs.isRegularFile() && CompactedNames.isDataFile(file.getFileName().toString())) {
                    folders.add(tableFolder.relativize(file.getParent()).toString().replace('\\', '/'));
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (e instanceof java.nio.file.NoSuchFileException) {
                    return FileVisitResult.CONTINUE; // removed while walking: nothing to compact there
                }
                throw e;
            }
        });
        return List.copyOf(folders);
    }

    /** Whether {@code folder} is one of {@code partitions} or below one; every folder when none is given. */
    static boolean selected(String folder, List<String> partitions) {
        return partitions.isEmpty() || named(folder, partitions);
    }

    static boolean named(String folder, List<String> partitions) {
        return partitions.stream().map(ClosedFolders::trimSlashes)
                .anyMatch(p -> folder.equals(p) || folder.startsWith(p + "/"));
    }

    /**
     * Why the folder is still open, or empty when it is closed.
     *
     * @param named whether the user named it (or a folder above it) with {@code --partition}
     */
    static Optional<String> openReason(String folder, Instant closedBefore, boolean named) {
        Optional<Instant> end = end(folder);
        if (end.isEmpty()) {
            return named ? Optional.empty() : Optional.of("it has no dt= level, so it never closes by time; name it"
                    + " with --partition to compact it");
        }
        return end.get().isBefore(closedBefore) ? Optional.empty()
                : Optional.of("open: its time range ends at " + end.get() + ", not before " + closedBefore
                + " (now minus --grace)");
    }

    /** The end of the folder's time range from its {@code dt=} and {@code hour=} levels, if it has them. */
    static Optional<Instant> end(String folder) {
        LocalDate day = null;
        Integer hour = null;
        for (String level : folder.split("/")) {
            try {
                if (level.startsWith("dt=")) {
                    day = LocalDate.parse(level.substring(3));
                } else if (level.startsWith("hour=")) {
                    hour = Integer.valueOf(level.substring(5));
                }
            } catch (DateTimeParseException | NumberFormatException e) {
                throw new IllegalArgumentException("partition folder '" + folder + "' has a malformed level '"
                        + level + "': expected dt=YYYY-MM-DD or hour=0..23", e);
            }
        }
        if (day == null) {
            return Optional.empty();
        }
        Instant start = day.atStartOfDay(ZoneOffset.UTC).toInstant();
        return Optional.of(hour == null ? start.plusSeconds(86_400) : start.plusSeconds(3_600L * (hour + 1)));
    }

    private static String trimSlashes(String partition) {
        String p = partition.trim();
        while (p.startsWith("/")) {
            p = p.substring(1);
        }
        while (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p;
    }
}
