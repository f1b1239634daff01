package io.tributary.routes.cli;

import io.tributary.connector.SourceConnectors;
import io.tributary.routes.config.ConfigLoader;
import io.tributary.routes.config.LoadedConfig;
import io.tributary.routes.config.Variables;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Parameters;

/** The config directory argument shared by validate and plan. */
final class ConfigDirOption {

    @Parameters(index = "0", arity = "0..1", defaultValue = "config", paramLabel = "DIR",
            description = "Config directory with hub.yaml and sources/ (default: ${DEFAULT-VALUE}).")
    Path dir;

    LoadedConfig load(Variables variables) {
        return new ConfigLoader(SourceConnectors.discover(), variables).load(dir);
    }

    /** Prints every problem as file:line:col: key: message; returns false when there was any. */
    static boolean report(LoadedConfig config, PrintWriter err) {
        if (config.valid()) {
            return true;
        }
        config.problems().sorted().forEach(err::println);
        err.println(config.problems().sorted().size() + " problem(s) found");
        err.flush();
        return false;
    }
}
