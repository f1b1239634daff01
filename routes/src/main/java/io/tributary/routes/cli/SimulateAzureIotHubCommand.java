package io.tributary.routes.cli;

import io.tributary.connector.azureiothub.DeviceTelemetrySimulator;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code tributary simulate azure-iothub}: one device sends JSON telemetry to a real IoT Hub with the Azure IoT device
 * SDK. The device connection string is a secret: it may come from {@value #CONNECTION_VARIABLE} instead of the
 * command line (where {@code ps} would show it), and no message repeats it.
 */
@Command(name = "azure-iothub", mixinStandardHelpOptions = true,
        description = "Sends JSON telemetry ({\"seq\":..,\"ts\":..,\"temp\":..}) to an Azure IoT Hub as one device, "
                + "with the Azure IoT device SDK.")
final class SimulateAzureIotHubCommand implements Callable<Integer> {

    static final String CONNECTION_VARIABLE = "IOTHUB_DEVICE_CONNECTION_STRING";

    @Option(names = "--device-connection-string", paramLabel = "<string>",
            defaultValue = "${env:" + CONNECTION_VARIABLE + "}",
            description = "The device's connection string, HostName=<hub>.azure-devices.net;DeviceId=<id>;"
                    + "SharedAccessKey=<key> (default: the variable " + CONNECTION_VARIABLE + ").")
    String connectionString;

    @Option(names = "--messages", defaultValue = "100", description = "How many messages (default: ${DEFAULT-VALUE}).")
    int messages;

    @Option(names = "--rate", defaultValue = "10", description = "Messages per second (default: ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--protocol", defaultValue = "mqtt",
            description = "mqtt, mqtt-ws, amqp or amqp-ws (default: ${DEFAULT-VALUE}).")
    String protocol;

    @Option(names = "--send-timeout", defaultValue = "30", paramLabel = "<seconds>",
            description = "How long IoT Hub may take to acknowledge one message (default: ${DEFAULT-VALUE}).")
    int sendTimeoutSeconds;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        DeviceTelemetrySimulator simulator = validated();
        PrintWriter out = spec.commandLine().getOut();
        out.printf("sending %d messages at %s/s to %s as device %s over %s%n", messages, rate,
                simulator.identity().hostName(), simulator.identity().deviceId(), protocol);
        out.flush();
        try {
            int sent = simulator.send(messages, rate, Duration.ofSeconds(sendTimeoutSeconds), out);
            out.printf("done: IoT Hub acknowledged %d messages%n", sent);
            return 0;
        } catch (IllegalStateException e) {
            spec.commandLine().getErr().println("simulate azure-iothub: " + e.getMessage());
            return 1;
        }
    }

    private DeviceTelemetrySimulator validated() {
        if (connectionString == null || connectionString.isBlank()) {
            throw new ParameterException(spec.commandLine(), "Missing --device-connection-string (or the variable "
                    + CONNECTION_VARIABLE + ")");
        }
        if (messages < 1 || messages > 1_000_000) {
            throw new ParameterException(spec.commandLine(), "--messages must be between 1 and 1000000, found "
                    + messages);
        }
        if (!(rate > 0) || rate > 10_000) {
            throw new ParameterException(spec.commandLine(), "--rate must be above 0 and at most 10000 messages a "
                    + "second, found " + rate);
        }
        if (sendTimeoutSeconds < 1) {
            throw new ParameterException(spec.commandLine(), "--send-timeout must be at least 1 second");
        }
        try {
            return new DeviceTelemetrySimulator(connectionString, protocol, Clock.systemUTC());
        } catch (IllegalArgumentException e) {
            // the message never quotes the connection string
            throw new ParameterException(spec.commandLine(), "--device-connection-string: " + e.getMessage());
        }
    }
}
