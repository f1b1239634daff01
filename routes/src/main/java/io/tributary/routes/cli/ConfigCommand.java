package io.tributary.routes.cli;

import io.tributary.routes.config.LoadedConfig;
import io.tributary.routes.config.Variables;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** A command that reads a config directory, prints its problems and stops there, or goes on with a valid one. */
abstract class ConfigCommand implements Callable<Integer> {

    @Mixin
    ConfigDirOption config;

    @Spec
    CommandSpec spec;

    @Override
    public final Integer call() {
        LoadedConfig loaded = config.load(Variables.environment());
        if (!ConfigDirOption.report(loaded, spec.commandLine().getErr())) {
            return 1;
        }
        PrintWriter out = spec.commandLine().getOut();
        onValid(loaded, out);
        out.flush();
        return 0;
    }

    abstract void onValid(LoadedConfig config, PrintWriter out);
}
