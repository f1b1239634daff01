package io.tributary.routes.cli;

import io.tributary.routes.config.LoadedConfig;
import io.tributary.routes.config.Variables;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code tributary validate}: checks a config directory without starting anything. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = {"Checks a config directory without starting anything.",
                "Every problem is printed as file:line:col: key.path: message; the exit code is 1 when there is any."})
final class ValidateCommand implements Callable<Integer> {

    @Mixin
    ConfigDirOption config;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        LoadedConfig loaded = config.load(Variables.environment());
        if (!ConfigDirOption.report(loaded, spec.commandLine().getErr())) {
            return 1;
        }
        spec.commandLine().getOut().println(config.dir + ": valid, " + loaded.sources().size() + " source(s)");
        return 0;
    }
}
