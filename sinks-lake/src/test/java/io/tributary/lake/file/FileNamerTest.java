package io.tributary.lake.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import org.junit.jupiter.api.Test;

class FileNamerTest {

    @Test
    void namesFilesByTopicPartitionAndZeroPaddedFirstOffset() {
        assertThat(FileNamer.finalName("telemetry.fleet", 2, 4711))
                .isEqualTo("telemetry.fleet+2+00000000000000004711.parquet");
        assertThat(FileNamer.finalName("t", 0, Long.MAX_VALUE)).isEqualTo("t+0+09223372036854775807.parquet");
    }

    @Test
    void sortsNamesOfOnePartitionInOffsetOrder() {
        assertThat(FileNamer.finalName("t", 1, 99)).isLessThan(FileNamer.finalName("t", 1, 100));
    }

    @Test
    void hidesTemporaryFilesFromParquetGlobs() {
        PathMatcher glob = FileSystems.getDefault().getPathMatcher("glob:**/*.parquet");
        String finalName = FileNamer.finalName("t", 0, 5);

        assertThat(glob.matches(Path.of("/lake/fleet/dt=2026-11-21", finalName))).isTrue();
        assertThat(glob.matches(Path.of("/lake/fleet/dt=2026-11-21", FileNamer.tempName(finalName)))).isFalse();
        assertThat(FileNamer.tempName(finalName)).startsWith(".");
    }

    @Test
    void recognisesTemporaryFilesOfExactlyOneTopicPartition() {
        String temp = FileNamer.tempName(FileNamer.finalName("t", 1, 5));

        assertThat(FileNamer.isTempFileOf(temp, "t", 1)).isTrue();
        assertThat(FileNamer.isTempFileOf(temp, "t", 12)).isFalse();
        assertThat(FileNamer.isTempFileOf(FileNamer.tempName(FileNamer.finalName("t", 12, 5)), "t", 1)).isFalse();
        assertThat(FileNamer.isTempFileOf(temp, "u", 1)).isFalse();
        assertThat(FileNamer.isTempFileOf(FileNamer.finalName("t", 1, 5), "t", 1)).isFalse();
    }

    @Test
    void refusesNegativeCoordinates() {
        assertThatThrownBy(() -> FileNamer.finalName("t", -1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FileNamer.finalName("t", 0, -1)).isInstanceOf(IllegalArgumentException.class);
    }
}
