package io.tributary.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Temporary folders of the kit's servers. */
final class Directories {

    private Directories() {
    }

    /** Deletes a file or folder tree; what cannot be deleted stays (a leftover under the temp dir is harmless). */
    static void deleteQuietly(Path root) {
        if (root == null || !Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    // keep going with the rest of the tree
                }
            });
        } catch (IOException e) {
            // nothing more to do
        }
    }
}
