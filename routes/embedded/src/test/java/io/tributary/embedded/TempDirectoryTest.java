package io.tributary.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TempDirectoryTest {

    private final String prefix = "tributary-sweep-test-" + UUID.randomUUID().toString().substring(0, 8) + "-";
    private final Path tmp = Path.of(System.getProperty("java.io.tmpdir"));

    @AfterEach
    void cleanUp() throws Exception {
        try (var leftovers = Files.newDirectoryStream(tmp, prefix + "*")) {
            leftovers.forEach(TempDirectory::deleteQuietly);
        }
    }

    @Test
    void createsADirectoryOwnedByThisProcess() throws Exception {
        Path directory = TempDirectory.create(prefix);

        assertThat(directory.getFileName().toString()).startsWith(prefix);
        assertThat(Files.readString(directory.resolve(TempDirectory.OWNER_FILE)))
                .isEqualTo(Long.toString(ProcessHandle.current().pid()));
    }

    @Test
    void sweepsOnlyDirectoriesWhoseOwnerIsGone() throws Exception {
        Path ours = TempDirectory.create(prefix);
        Path orphan = Files.createTempDirectory(prefix);
        Files.writeString(orphan.resolve(TempDirectory.OWNER_FILE), Long.toString(deadPid()));
        Files.writeString(orphan.resolve("data.log"), "left behind by a SIGKILL");
        Path foreign = Files.createTempDirectory(prefix);

        TempDirectory.sweepStale(prefix);

        assertThat(orphan).doesNotExist();
        assertThat(ours).isDirectory();
        assertThat(foreign).as("no owner file: not ours to delete").isDirectory();
    }

    @Test
    void deletesATreeAndToleratesAMissingOne() throws Exception {
        Path directory = TempDirectory.create(prefix);
        Files.createDirectories(directory.resolve("a/b"));
        Files.writeString(directory.resolve("a/b/c.txt"), "x");

        TempDirectory.deleteQuietly(directory);
        TempDirectory.deleteQuietly(directory);

        assertThat(directory).doesNotExist();
    }

    /** The pid of a process that has certainly ended. */
    private static long deadPid() throws Exception {
        Process process = new ProcessBuilder("true").start();
        process.waitFor();
        return process.pid();
    }
}
