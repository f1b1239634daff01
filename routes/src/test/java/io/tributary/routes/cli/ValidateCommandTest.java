package io.tributary.routes.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.routes.config.ConfigLoaderTest;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ValidateCommandTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = TributaryCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    private void write(String source) throws IOException {
        Files.createDirectories(dir.resolve("sources"));
        Files.writeString(dir.resolve("hub.yaml"), ConfigLoaderTest.HUB);
        Files.writeString(dir.resolve("sources/fleet.yaml"), source);
    }

    @Test
    void exitsZeroOnAValidDirectory() throws IOException {
        write(ConfigLoaderTest.GOOD);
        assertThat(run("validate", dir.toString())).isZero();
        assertThat(out.toString()).contains("valid, 1 source(s)");
    }

    @Test
    void printsEveryProblemAsFileLineColumnAndExitsNonZero() throws IOException {
        write(ConfigLoaderTest.GOOD.replace("  topics:", "  topcis:").replace("type: mqtt", "type: mqtt\nnmae: x"));
        assertThat(run("validate", dir.toString())).isEqualTo(1);
        String file = dir.resolve("sources/fleet.yaml").toString();
        assertThat(err.toString()).contains(file + ":3:1: nmae: unknown key 'nmae'; did you mean 'name'?")
                .contains(file + ":6:3: mqtt.topcis: unknown key 'topcis'; did you mean 'topics'?")
                .contains("problem(s) found");
    }

    @Test
    void helpDocumentsEveryCommand() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("run", "validate", "plan", "generate");
    }
}
