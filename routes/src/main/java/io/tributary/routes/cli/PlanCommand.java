package io.tributary.routes.cli;

import io.tributary.routes.config.LoadedConfig;
import io.tributary.routes.config.Variables;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code tributary plan}: what each source would do, without starting anything. */
@Command(name = "plan", mixinStandardHelpOptions = true,
        description = {"Prints what each source reads and writes, without starting anything.",
                "Per source: protocol, where it reads, the Kafka topic and key, the lake table, its partitioning and",
                "its full column list. Secrets are never printed."})
final class PlanCommand implements Callable<Integer> {

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
        spec.commandLine().getOut().print(PlanPrinter.print(loaded));
        spec.commandLine().getOut().flush();
        return 0;
    }
}
