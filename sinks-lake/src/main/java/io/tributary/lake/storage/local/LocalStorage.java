package io.tributary.lake.storage.local;

import io.tributary.lake.storage.LakeStorage;
import io.tributary.lake.storage.PendingFile;
import io.tributary.lake.storage.StagedFile;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.LocalInputFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lake files in a local (or mounted) folder. A file is written as a hidden temporary file beside
 * its target ({@link TempNames}), made durable by {@code fsync} when staged and made visible by an
 * atomic rename followed by an {@code fsync} of the folder, so a crash leaves either the old state
 * or the new one, never half a file under a visible name.
 */
public final class LocalStorage implements LakeStorage {

    private static final Logger LOG = LoggerFactory.getLogger(LocalStorage.class);

    private final Path root;

    public LocalStorage(Path root) {
        this.root = Objects.requireNonNull(root, "root").toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    @Override
    public PendingFile create(String path) throws IOException {
        Path target = resolve(path);
        Files.createDirectories(target.getParent());
        String token = TempNames.newTempName(target.getFileName().toString());
        return new LocalPendingFile(path, target.resolveSibling(token), token);
    }

    @Override
    public void publish(StagedFile file) throws IOException {
        Path target = resolve(file.path());
        Path temp = tempOf(file, target);
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (NoSuchFileException gone) {
            // published before (a roll-forward repeating a rename that completed), or lost
            if (Files.exists(target)) {
                return;
            }
            throw new FileNotFoundException("Cannot publish " + file.path() + ": its staged bytes " + temp
                    + " are gone and nothing is published there");
        }
        forceDirectory(target.getParent());
    }

    @Override
    public void discard(StagedFile file) throws IOException {
        Path target = resolve(file.path());
        if (Files.deleteIfExists(tempOf(file, target))) {
            LOG.debug("Discarded staged file {}", tempOf(file, target));
        }
    }

    @Override
    public List<StagedFile> listStaged(String prefix) throws IOException {
        List<StagedFile> staged = new ArrayList<>();
        for (Path file : walk(prefix)) {
            String name = file.getFileName().toString();
            Optional<String> target = TempNames.targetOf(name);
            if (target.isPresent()) {
                String path = relative(file.resolveSibling(target.get()));
                if (path.startsWith(prefix)) {
                    staged.add(new StagedFile(path, name));
                }
            }
        }
        return staged;
    }

    @Override
    public List<String> list(String prefix) throws IOException {
        List<String> visible = new ArrayList<>();
        for (Path file : walk(prefix)) {
            String path = relative(file);
            if (!file.getFileName().toString().startsWith(".") && path.startsWith(prefix)) {
                visible.add(path);
            }
        }
        visible.sort(null);
        return visible;
    }

    @Override
    public InputFile openForRead(String path) throws IOException {
        Path file = resolve(path);
        if (!Files.isRegularFile(file)) {
            throw new FileNotFoundException("No lake file " + path + " in " + root);
        }
        return new LocalInputFile(file);
    }

    @Override
    public void writeSmall(String path, byte[] content) throws IOException {
        Path target = resolve(path);
        Files.createDirectories(target.getParent());
        Path temp = target.resolveSibling(TempNames.newTempName(target.getFileName().toString()));
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                java.nio.ByteBuffer buffer = java.nio.ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
        forceDirectory(target.getParent());
    }

    @Override
    public Optional<byte[]> readSmall(String path) throws IOException {
        try {
            return Optional.of(Files.readAllBytes(resolve(path)));
        } catch (NoSuchFileException absent) {
            return Optional.empty();
        }
    }

    @Override
    public void delete(String path) throws IOException {
        Path file = resolve(path);
        if (Files.deleteIfExists(file)) {
            forceDirectory(file.getParent());
        }
    }

    @Override
    public String describe() {
        return "local folder " + root;
    }

    @Override
    public void close() {
        // nothing to release
    }

    /** The absolute file of a lake path; a path that would leave the root is a bug, not input. */
    Path resolve(String path) {
        if (path.isEmpty() || path.startsWith("/") || path.contains("\\")) {
            throw new IllegalArgumentException("lake path '" + path + "' must be relative and use '/'");
        }
        Path resolved = root.resolve(path).normalize();
        if (!resolved.startsWith(root) || resolved.equals(root)) {
            throw new IllegalArgumentException("lake path '" + path + "' leaves the lake root " + root);
        }
        return resolved;
    }

    private Path tempOf(StagedFile file, Path target) {
        String token = file.token();
        if (TempNames.targetOf(token).filter(name -> name.equals(target.getFileName().toString())).isEmpty()) {
            throw new IllegalArgumentException("'" + token + "' is not a staging name of " + file.path());
        }
        return target.resolveSibling(token);
    }

    private String relative(Path file) {
        return root.relativize(file).toString().replace(java.io.File.separatorChar, '/');
    }

    /** Regular files under the deepest folder that contains every path starting with {@code prefix}. */
    private List<Path> walk(String prefix) throws IOException {
        int slash = prefix.lastIndexOf('/');
        Path start = slash < 0 ? root : resolve(prefix.substring(0, slash));
        if (!Files.isDirectory(start)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(start)) {
            return files.filter(Files::isRegularFile).toList();
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof NoSuchFileException) {
                // a folder vanished while walking (another process cleaning up): list again
                return walk(prefix);
            }
            throw e.getCause();
        }
    }

    /** Makes a rename or delete durable. Some platforms cannot open folders; there it is left to the OS. */
    static void forceDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            LOG.debug("Cannot force folder {} to disk", dir, e);
        }
    }
}
