package io.tributary.lake.iceberg;

import java.io.IOException;
import java.net.URI;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.iceberg.ManifestFile;
import org.apache.iceberg.ManifestFiles;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.io.CloseableIterable;

/**
 * Deletes the Parquet files in a local Iceberg lake table's partition folders that no snapshot of the table
 * refers to and that were last modified before a given instant. The sink publishes data files before the snapshot
 * naming them, so a hub killed in between, or a zombie whose commit is refused, leaves such files behind: Iceberg
 * readers never see them, but a reader globbing the folders reads their rows twice.
 *
 * <p>Invariant: a file younger than the age may belong to a commit still in flight (published, snapshot not yet
 * committed), so only files older than it are deleted; the age must exceed the longest a hub can take between
 * publishing and committing. Every snapshot still in the metadata counts, not just the current one: time travel
 * reads older snapshots until they expire. Only {@code *.parquet} files outside {@code metadata/} and outside
 * hidden folders ({@code _tributary/}, {@code .x}) are candidates; staging files ({@code .*.tmp}) never are.
 */
public final class IcebergOrphanFiles {

    /** What one run found and did; {@code deleted} holds the removed files. */
    public record Result(int filesFound, int referenced, List<Path> deleted, int keptTooYoung) {

        public int orphansDeleted() {
            return deleted.size();
        }
    }

    private final Table table;

    public IcebergOrphanFiles(Table table) {
        this.table = table;
    }

    /** Deletes the table's unreferenced data files last modified before {@code olderThan}. */
    public Result removeOlderThan(Instant olderThan) throws IOException {
        table.refresh();
        Path tableFolder = localPath(table.location());
        // listed before the references are read: a file committed meanwhile is then among the references
        List<Path> found = dataFiles(tableFolder);
        table.refresh();
        Set<Path> referenced = referencedFiles();
        List<Path> deleted = new ArrayList<>();
        int referencedFound = 0;
        int young = 0;
        for (Path file : found) {
            Path real;
            try {
                real = file.toRealPath();
            } catch (NoSuchFileException gone) {
                continue;
            }
            if (referenced.contains(real)) {
                referencedFound++;
            } else if (Files.getLastModifiedTime(file, LinkOption.NOFOLLOW_LINKS).toInstant().isBefore(olderThan)) {
                if (Files.deleteIfExists(file)) {
                    deleted.add(file);
                }
            } else {
                young++;
            }
        }
        return new Result(found.size(), referencedFound, List.copyOf(deleted), young);
    }

    /**
     * The real paths of the data and delete files of every snapshot in the metadata. A referenced file that is not
     * on disk stops the run: it means the locations do not name the files (the lake root was moved or is reached
     * by another path), and every file would then look unreferenced.
     */
    private Set<Path> referencedFiles() throws IOException {
        Set<String> manifestsRead = new HashSet<>();
        Set<String> locations = new HashSet<>();
        for (Snapshot snapshot : table.snapshots()) {
            for (ManifestFile manifest : snapshot.allManifests(table.io())) {
                // snapshots share most manifests with their parents: read each once
                if (!manifestsRead.add(manifest.path())) {
                    continue;
                }
                // live entries of data and delete manifests alike: the files in the snapshot's table state
                try (CloseableIterable<String> paths = ManifestFiles.readPaths(manifest, table.io(), table.specs())) {
                    paths.forEach(locations::add);
                }
            }
        }
        Set<Path> referenced = new HashSet<>();
        for (String location : locations) {
            try {
                referenced.add(localPath(location).toRealPath());
            } catch (NoSuchFileException missing) {
                throw new IllegalStateException("Iceberg table " + table.name() + " refers to " + location
                        + ", which is not on disk; not removing orphan files, since the table's locations may not"
                        + " name the files under " + table.location() + " (lake root moved?)", missing);
            }
        }
        return referenced;
    }

    /** Parquet files in the table's partition folders, excluding metadata, hidden folders and hidden files. */
    private static List<Path> dataFiles(Path tableFolder) throws IOException {
        List<Path> files = new ArrayList<>();
        if (!Files.isDirectory(tableFolder)) {
            return files;
        }
        Path metadata = tableFolder.resolve("metadata");
        Files.walkFileTree(tableFolder, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
                return dir.equals(tableFolder) || !(dir.equals(metadata) || hidden(dir))
                        ? FileVisitResult.CONTINUE : FileVisitResult.SKIP_SUBTREE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                if (attributes.isRegularFile() && !hidden(file) && file.getFileName().toString().endsWith(".parquet")) {
                    files.add(file);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (e instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE; // deleted meanwhile (a staging file published, an expiry)
                }
                throw e;
            }
        });
        return files;
    }

    /** Hive-style hidden names, as readers skip them: the sink's {@code _tributary} and staging {@code .*.tmp}. */
    private static boolean hidden(Path path) {
        String name = path.getFileName().toString();
        return name.startsWith(".") || name.startsWith("_");
    }

    /** A local path from an Iceberg location: {@code file:/x}, {@code file:///x} or a plain absolute path. */
    static Path localPath(String location) {
        if (location.startsWith("/")) {
            return Path.of(location).normalize();
        }
        if (!location.toLowerCase(Locale.ROOT).startsWith("file:")) {
            throw new IllegalArgumentException("'" + location + "' is not a local file location; orphan files are"
                    + " removed from local Iceberg tables only");
        }
        try {
            return Path.of(URI.create(location)).normalize();
        } catch (IllegalArgumentException notAnEncodedUri) {
            // a location written unencoded (a space in the path): take the path after file: or file://
            String path = location.substring("file:".length());
            return Path.of(path.startsWith("///") ? path.substring(2) : path).normalize();
        }
    }
}
