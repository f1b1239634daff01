package io.tributary.lake.schema;

import io.tributary.lake.storage.LakeStorage;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Objects;
import java.util.Optional;

/** Small metadata files under the lake root that appear whole or not at all; paths use {@code /}. */
public interface SmallFiles {

    Optional<byte[]> read(String path) throws IOException;

    void write(String path, byte[] content) throws IOException;

    /** Through a storage backend's {@link LakeStorage#readSmall}/{@link LakeStorage#writeSmall}. */
    static SmallFiles of(LakeStorage storage) {
        Objects.requireNonNull(storage, "storage");
        return new SmallFiles() {
            @Override
            public Optional<byte[]> read(String path) throws IOException {
                return storage.readSmall(path);
            }

            @Override
            public void write(String path, byte[] content) throws IOException {
                storage.writeSmall(path, content);
            }
        };
    }

    /** Files under a local folder, replaced atomically through a temporary sibling. */
    static SmallFiles local(Path root) {
        Objects.requireNonNull(root, "root");
        return new SmallFiles() {
            @Override
            public Optional<byte[]> read(String path) throws IOException {
                try {
                    return Optional.of(Files.readAllBytes(root.resolve(path)));
                } catch (NoSuchFileException absent) {
                    return Optional.empty();
                }
            }

            @Override
            public void write(String path, byte[] content) throws IOException {
                Path target = root.resolve(path);
                Files.createDirectories(target.getParent());
                Path temp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
                try {
                    Files.write(temp, content);
                    try {
                        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                    } catch (AtomicMoveNotSupportedException e) {
                        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
                    }
                } finally {
                    Files.deleteIfExists(temp);
                }
            }
        };
    }
}
