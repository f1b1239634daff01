package io.tributary.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Temporary directories owned by one embedded server. Each carries the id of the process that
 * owns it, so that the directories of a process killed with SIGKILL, which could not delete
 * them, are found and deleted by the next start.
 */
final class TempDirectory {

    private static final Logger LOG = LoggerFactory.getLogger(TempDirectory.class);

    static final String OWNER_FILE = ".tributary-owner-pid";

    private TempDirectory() {
    }

    static Path create(String prefix) {
        try {
            Path directory = Files.createTempDirectory(prefix);
            markOwned(directory);
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a temporary directory with prefix " + prefix, e);
        }
    }

    /** Records this process as the directory's owner. */
    static void markOwned(Path directory) {
        try {
            Files.writeString(directory.resolve(OWNER_FILE), Long.toString(ProcessHandle.current().pid()),
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot mark " + directory + " as owned by this process", e);
        }
    }

    /**
     * Deletes the directories named {@code prefix*} in the temporary folder whose owner process
     * is gone. Directories without an owner file are not ours and stay.
     */
    static void sweepStale(String prefix) {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        try (DirectoryStream<Path> candidates = Files.newDirectoryStream(tmp, prefix + "*")) {
            for (Path candidate : candidates) {
                Optional<Long> owner = owner(candidate);
                if (owner.isPresent() && !isAlive(owner.get())) {
                    LOG.info("Deleting {}, left behind by process {}", candidate, owner.get());
                    deleteQuietly(candidate);
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("Could not look for stale directories {}* in {}", prefix, tmp, e);
        }
    }

    private static Optional<Long> owner(Path directory) {
        Path ownerFile = directory.resolve(OWNER_FILE);
        if (!Files.isRegularFile(ownerFile)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(Files.readString(ownerFile, StandardCharsets.UTF_8).trim()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static boolean isAlive(long pid) {
        // a reused pid keeps a stale directory a while longer, never deletes a live one
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /** Deletes a directory tree; a missing directory is fine, a file that cannot go is logged. */
    static void deleteQuietly(Path root) {
        if (root == null || !Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            // children before their parents
            paths.sorted(Comparator.reverseOrder()).forEach(TempDirectory::deleteOne);
        } catch (IOException | UncheckedIOException e) {
            LOG.warn("Could not delete temporary directory {}", root, e);
        }
    }

    private static void deleteOne(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
