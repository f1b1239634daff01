package io.tributary.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Temporary directories owned by one embedded server. */
final class TempDirectory {

    private static final Logger LOG = LoggerFactory.getLogger(TempDirectory.class);

    private TempDirectory() {
    }

    static Path create(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a temporary directory with prefix " + prefix, e);
        }
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
