package io.tributary.lake.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
    void refusesNegativeCoordinates() {
        assertThatThrownBy(() -> FileNamer.finalName("t", -1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FileNamer.finalName("t", 0, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void namesAttemptsApartAfterTheFirstOffset() {
        assertThat(FileNamer.attemptName("telemetry.fleet", 2, 4711, "k3x9"))
                .isEqualTo("telemetry.fleet+2+00000000000000004711+k3x9.parquet");
        assertThat(FileNamer.attemptName("t", 0, 5, "a")).isNotEqualTo(FileNamer.attemptName("t", 0, 5, "b"));
        assertThatThrownBy(() -> FileNamer.attemptName("t", 0, 5, "../x")).isInstanceOf(IllegalArgumentException.class);
    }
}
