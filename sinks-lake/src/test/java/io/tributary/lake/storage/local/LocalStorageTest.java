package io.tributary.lake.storage.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.lake.storage.LakeStorage;
import io.tributary.lake.storage.LakeStorageContract;
import io.tributary.lake.storage.PendingFile;
import io.tributary.lake.storage.StagedFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalStorageTest extends LakeStorageContract {

    @TempDir
    Path root;

    @Override
    protected LakeStorage newStorage() {
        return new LocalStorage(root);
    }

    private long filesMatching(String glob) throws Exception {
        var matcher = root.getFileSystem().getPathMatcher("glob:" + glob);
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).filter(f -> matcher.matches(f.getFileName())).count();
        }
    }

    @Test
    void writesAHiddenTemporaryFileBesideTheTargetThatParquetGlobsDoNotMatch() throws Exception {
        String path = base + "dt=2026-11-21/t+0+00000000000000000000.parquet";
        PendingFile pending = storage.create(path);
        write(pending, "rows");
        StagedFile staged = pending.stage();

        assertThat(staged.token()).matches("\\.t\\+0\\+00000000000000000000\\.parquet\\.[0-9a-f]{16}\\.tmp");
        assertThat(root.resolve(base + "dt=2026-11-21").resolve(staged.token())).exists();
        assertThat(filesMatching("*.parquet")).isZero();

        storage.publish(staged);

        assertThat(filesMatching("*.parquet")).isEqualTo(1);
        assertThat(filesMatching("*.tmp")).isZero();
    }

    @Test
    void refusesPathsOutsideTheRoot() {
        assertThatThrownBy(() -> storage.create("../escape.parquet")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> storage.create("/abs.parquet")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesATokenThatIsNotAStagingNameOfThePath() {
        assertThatThrownBy(() -> storage.publish(new StagedFile(base + "a.parquet", "../../etc/passwd")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
