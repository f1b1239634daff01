package io.tributary.lake.file;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TempFileSweeperTest {

    @TempDir
    Path table;

    private Path touch(String folder, String name) throws IOException {
        Path dir = Files.createDirectories(table.resolve(folder));
        return Files.writeString(dir.resolve(name), "x");
    }

    @Test
    void deletesTemporaryFilesOfTheGivenPartitionsOnly() throws IOException {
        Path mine = touch("dt=2026-11-21/hour=08", FileNamer.tempName(FileNamer.finalName("t", 1, 10)));
        Path mineToo = touch("dt=2026-11-20/hour=23", FileNamer.tempName(FileNamer.finalName("t", 2, 0)));
        Path otherPartition = touch("dt=2026-11-21/hour=08", FileNamer.tempName(FileNamer.finalName("t", 3, 10)));
        Path otherTopic = touch("dt=2026-11-21/hour=08", FileNamer.tempName(FileNamer.finalName("u", 1, 10)));
        Path committed = touch("dt=2026-11-21/hour=08", FileNamer.finalName("t", 1, 0));

        List<Path> deleted = TempFileSweeper.deleteStale(table, "t", List.of(1, 2));

        assertThat(deleted).containsExactlyInAnyOrder(mine, mineToo);
        assertThat(mine).doesNotExist();
        assertThat(mineToo).doesNotExist();
        assertThat(otherPartition).exists();
        assertThat(otherTopic).exists();
        assertThat(committed).exists();
    }

    @Test
    void doesNothingForATableThatHasNoFolderYet() throws IOException {
        assertThat(TempFileSweeper.deleteStale(table.resolve("missing"), "t", List.of(0))).isEmpty();
    }
}
