package io.tributary.routes.cli;

import io.tributary.routes.config.GeneratedFiles;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tributary generate}: rewrites the JSON Schemas and the option docs from the option declarations. */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Writes config/schema/*.schema.json and docs/options.md from the option declarations.")
final class GenerateCommand implements Callable<Integer> {

    @Option(names = "--root", defaultValue = ".", description = "Repository root (default: ${DEFAULT-VALUE}).")
    Path root;

    @Option(names = "--check", description = "Only report stale files; exit 1 when any is stale.")
    boolean check;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        GeneratedFiles files = new GeneratedFiles(root);
        if (check) {
            List<Path> stale = files.stale();
            stale.forEach(p -> spec.commandLine().getErr().println("stale: " + p + " (run ./tributary generate)"));
            return stale.isEmpty() ? 0 : 1;
        }
        for (Path written : files.write()) {
            spec.commandLine().getOut().println("wrote " + written);
        }
        return 0;
    }
}
