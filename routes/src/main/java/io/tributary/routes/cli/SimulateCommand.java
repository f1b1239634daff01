package io.tributary.routes.cli;

import picocli.CommandLine.Command;

/** {@code tributary simulate <protocol>}: sends test telemetry to a real broker, to smoke-test it with the hub. */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = "Sends test telemetry to a real broker or cloud service, to smoke-test a source end to end.",
        subcommands = {SimulateAzureIotHubCommand.class})
final class SimulateCommand {
}
