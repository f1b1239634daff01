package io.tributary.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MosquittoTest {

    @TempDir
    Path tmp;

    @Test
    void configuresALoopbackListenerWithoutQueueLimit() {
        String config = Mosquitto.config(18_830, Path.of("/tmp/m"), false, "");

        assertThat(config.lines())
                .contains("listener 18830 127.0.0.1", "allow_anonymous true", "max_queued_messages 0",
                        "persistence false")
                .noneMatch(line -> line.startsWith("persistence_location"));
    }

    @Test
    void logsToAFileInItsFolderBecauseStdoutIsBlockBuffered() {
        String config = Mosquitto.config(1_883, Path.of("/tmp/m"), false, "");

        assertThat(config.lines()).contains("log_dest file /tmp/m/mosquitto.log").doesNotContain("log_dest stdout");
    }

    @Test
    void leavesTheLogFileToExtraConfigurationThatNamesOne() {
        String config = Mosquitto.config(1_883, Path.of("/tmp/m"), false, "log_dest file /tmp/m/other.log\n");

        assertThat(config.lines().filter(line -> line.startsWith("log_dest file")))
                .containsExactly("log_dest file /tmp/m/other.log");
        assertThat(Mosquitto.logFileIn("log_dest file /tmp/m/other.log\n")).contains(Path.of("/tmp/m/other.log"));
    }

    @Test
    void persistsIntoItsFolderAndAutosavesEverySecond() {
        String config = Mosquitto.config(1_883, Path.of("/tmp/m"), true, "max_inflight_messages 5\n");

        assertThat(config.lines())
                .contains("persistence true", "persistence_location /tmp/m/", "autosave_interval 1",
                        "max_inflight_messages 5")
                .doesNotContain("persistence false");
    }

    @Test
    void shouldTellHowToInstallMosquittoWhenItIsMissing() {
        Path absent = tmp.resolve("sbin/mosquitto");

        assertThatThrownBy(() -> Mosquitto.locateBinary(null, absent, tmp.toString()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(absent.toString())
                .hasMessageContaining("apt-get install -y mosquitto");
    }

    @Test
    void prefersTheDebianLocationThenLooksOnThePath() throws Exception {
        Path onPath = executable(Files.createDirectories(tmp.resolve("bin")).resolve("mosquitto"));
        Path debian = executable(Files.createDirectories(tmp.resolve("sbin")).resolve("mosquitto"));
        String path = "/nonexistent:" + onPath.getParent();

        assertThat(Mosquitto.locateBinary(null, debian, path)).isEqualTo(debian);
        assertThat(Mosquitto.locateBinary(null, tmp.resolve("absent"), path)).isEqualTo(onPath);
        assertThat(Mosquitto.locateBinary(onPath.toString(), debian, path)).isEqualTo(onPath);
    }

    @Test
    void shouldRejectAnExplicitBinaryThatIsNotExecutable() {
        String missing = tmp.resolve("no-such-mosquitto").toString();

        assertThatThrownBy(() -> Mosquitto.locateBinary(missing, Mosquitto.DEBIAN_BINARY, null))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(missing)
                .hasMessageContaining(Mosquitto.BINARY_PROPERTY);
    }

    private static Path executable(Path file) throws Exception {
        return Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
    }
}
