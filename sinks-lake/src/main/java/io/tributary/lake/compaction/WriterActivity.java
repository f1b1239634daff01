package io.tributary.lake.compaction;

import io.tributary.lake.commit.CommitManifest;
import io.tributary.lake.commit.ManifestCodec;
import io.tributary.lake.storage.StagedFile;
import io.tributary.lake.storage.local.LocalStorage;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Whether a sink is at work in a partition folder: a hidden staging file of {@link LocalStorage} in
 * it (a file being written or staged, not yet published), or a pending commit manifest of the table
 * ({@code <table>/_tributary/pending/<topic>+<partition>/<id>.json}) naming a file in it (committed
 * offsets whose files are still being published: the next owner would publish them again and must
 * find their staging files where it left them). Compacting such a folder could move a file from
 * under its writer, so it is skipped.
 */
final class WriterActivity {

    private final LocalStorage storage;
    private final String table;

    WriterActivity(Path lakeRoot, String table) {
        this.storage = new LocalStorage(lakeRoot);
        this.table = table;
    }

    /** Why the folder (relative to the table) is busy, or empty when no writer is at work in it. */
    Optional<String> busy(String folder) throws IOException {
        String prefix = table + "/" + (folder.isEmpty() ? "" : folder + "/");
        List<StagedFile> staged = storage.listStaged(prefix);
        for (StagedFile file : staged) {
            if (file.path().lastIndexOf('/') == prefix.length() - 1) {
                return Optional.of("a writer is at work in it: staging file " + file.token() + " (of " + file.path()
                        + ") is not published yet");
            }
        }
        Path pending = storage.root().resolve(table).resolve("_tributary").resolve("pending");
        if (!Files.isDirectory(pending)) {
            return Optional.empty();
        }
        try (DirectoryStream<Path> partitions = Files.newDirectoryStream(pending)) {
            for (Path partition : partitions) {
                Optional<String> naming = manifestNaming(partition, prefix);
                if (naming.isPresent()) {
                    return naming;
                }
            }
        }
        return Optional.empty();
    }

    private Optional<String> manifestNaming(Path partition, String prefix) throws IOException {
        if (!Files.isDirectory(partition)) {
            return Optional.empty();
        }
        try (DirectoryStream<Path> manifests = Files.newDirectoryStream(partition, "[!.]*.json")) {
            for (Path manifest : manifests) {
                byte[] bytes;
                try {
                    bytes = Files.readAllBytes(manifest);
                } catch (NoSuchFileException published) {
                    continue; // its files were published and it was deleted meanwhile
                }
                CommitManifest decoded = ManifestCodec.decode(bytes, manifest.toString());
                for (CommitManifest.FileEntry file : decoded.files()) {
                    if (file.path().startsWith(prefix) && file.path().indexOf('/', prefix.length()) < 0) {
                        return Optional.of("commit " + decoded.commitId() + " of " + decoded.topic() + "+"
                                + decoded.partition() + " is still publishing " + file.path() + " (pending manifest "
                                + manifest + ")");
                    }
                }
            }
        } catch (NoSuchFileException gone) {
            return Optional.empty();
        }
        return Optional.empty();
    }
}
