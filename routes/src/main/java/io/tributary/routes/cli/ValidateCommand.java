package io.tributary.routes.cli;

import io.tributary.routes.config.LoadedConfig;
import java.io.PrintWriter;
import picocli.CommandLine.Command;

/** {@code tributary validate}: checks a config directory without starting anything. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = {"Checks a config directory without starting anything.",
                "Every problem is printed as file:line:col: key.path: message; the exit code is 1 when there is any."})
final class ValidateCommand extends ConfigCommand {

    @Override
    void onValid(LoadedConfig loaded, PrintWriter out) {
        out.println(config.dir + ": valid, " + loaded.sources().size() + " source(s)");
    }
}
