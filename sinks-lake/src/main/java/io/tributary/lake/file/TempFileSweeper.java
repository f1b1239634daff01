package io.tributary.lake.file;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes temporary files that a crashed or fenced writer left behind for some Kafka partitions.
 * Only those partitions: other processes may be writing other partitions of the same table.
 */
public final class TempFileSweeper {

    private static final Logger LOG = LoggerFactory.getLogger(TempFileSweeper.class);

    private TempFileSweeper() {
    }

    /** Returns the deleted files. */
    public static List<Path> deleteStale(Path tableDir, String topic, Collection<Integer> partitions)
            throws IOException {
        if (partitions.isEmpty() || !Files.isDirectory(tableDir)) {
            return List.of();
        }
        List<Path> stale;
        try (Stream<Path> files = Files.walk(tableDir)) {
            stale = files.filter(file -> isTempOfAny(file, topic, partitions)).toList();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        for (Path file : stale) {
            try {
                Files.delete(file);
                LOG.info("Deleted stale temporary file {}", file);
            } catch (NoSuchFileException alreadyGone) {
                LOG.debug("Stale temporary file {} was already gone", file);
            }
        }
        return stale;
    }

    private static boolean isTempOfAny(Path file, String topic, Collection<Integer> partitions) {
        Path name = file.getFileName();
        if (name == null) {
            return false;
        }
        String text = name.toString();
        for (int partition : partitions) {
            if (FileNamer.isTempFileOf(text, topic, partition)) {
                return true;
            }
        }
        return false;
    }
}
