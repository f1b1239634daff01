package io.tributary.routes.cli;

import io.tributary.routes.config.LoadedConfig;
import java.io.PrintWriter;
import picocli.CommandLine.Command;

/** {@code tributary plan}: what each source would do, without starting anything. */
@Command(name = "plan", mixinStandardHelpOptions = true,
        description = {"Prints what each source reads and writes, without starting anything.",
                "Per source: protocol, where it reads, the Kafka topic and key, the lake table, its partitioning and",
                "its full column list. Secrets are never printed."})
final class PlanCommand extends ConfigCommand {

    @Override
    void onValid(LoadedConfig loaded, PrintWriter out) {
        out.print(PlanPrinter.print(loaded));
    }
}
