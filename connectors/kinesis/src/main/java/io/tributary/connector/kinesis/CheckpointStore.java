package io.tributary.connector.kinesis;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The checkpoints of one source: per shard, the sequence number of the last record Kafka acknowledged, or
 * {@link #SHARD_END} once a closed shard was read to its end. The file is replaced atomically (written beside it,
 * forced to disk, then renamed), so a crash leaves either the previous or the new checkpoints, never a torn file.
 */
final class CheckpointStore {

    static final String SHARD_END = "SHARD_END";

    private final Path file;

    CheckpointStore(Path file) {
        this.file = file;
    }

    static CheckpointStore forSource(Path directory, String sourceName, String streamName) {
        return new CheckpointStore(directory.resolve(sourceName + "." + streamName + ".checkpoints"));
    }

    Path file() {
        return file;
    }

    /** The saved checkpoints by shard id; empty when nothing was saved yet. */
    Map<String, String> load() {
        Map<String, String> checkpoints = new TreeMap<>();
        if (!Files.exists(file)) {
            return checkpoints;
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the Kinesis checkpoints " + file.toAbsolutePath(), e);
        }
        properties.forEach((shard, position) -> checkpoints.put((String) shard, (String) position));
        return checkpoints;
    }

    void save(Map<String, String> checkpoints) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
            try (Writer writer = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
                for (Map.Entry<String, String> entry : new TreeMap<>(checkpoints).entrySet()) {
                    writer.write(entry.getKey() + "=" + entry.getValue() + "\n");
                }
            }
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            try {
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the Kinesis checkpoints " + file.toAbsolutePath(), e);
        }
    }
}
