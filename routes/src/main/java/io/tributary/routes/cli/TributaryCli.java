package io.tributary.routes.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code tributary} command. */
@Command(name = "tributary", mixinStandardHelpOptions = true, version = "tributary 0.1.0",
        description = "Bridges MQTT (and more brokers) into Kafka, and Kafka into a Parquet lake.",
        subcommands = {RunCommand.class, ValidateCommand.class, PlanCommand.class, GenerateCommand.class,
                CompactCommand.class, SimulateCommand.class, CommandLine.HelpCommand.class})
public final class TributaryCli {

    public static void main(String[] args) {
        // an embedded broker's jar ships a logback.xml of its own; name ours so the two never compete
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "tributary-logback.xml");
        }
        System.exit(execute(args));
    }

    public static int execute(String... args) {
        return commandLine().execute(args);
    }

    public static CommandLine commandLine() {
        return new CommandLine(new TributaryCli());
    }
}
