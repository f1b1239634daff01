package io.tributary.routes.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import picocli.CommandLine;

/** {@code simulate azure-iothub}: what can be checked without a real IoT Hub. */
class SimulateAzureIotHubCommandTest {

    /** A device string for a host where nothing listens (port 8883 on loopback), with a dummy key. */
    private static final String UNREACHABLE = "HostName=127.0.0.1;DeviceId=sim-01;SharedAccessKey=c2ltLWtleS0wMQ==";

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = TributaryCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void isListedUnderSimulate() {
        assertThat(run("simulate", "--help")).isZero();
        assertThat(out.toString()).contains("azure-iothub");
    }

    @Test
    void refusesAServiceConnectionStringWithoutPrintingIt() {
        String service = "Endpoint=sb://iothub-ns-acme.servicebus.windows.net/;SharedAccessKeyName=service;"
                + "SharedAccessKey=c2VydmljZS1rZXk=;EntityPath=acme";
        assertThat(run("simulate", "azure-iothub", "--device-connection-string", service)).isEqualTo(2);
        assertThat(err.toString()).contains("--device-connection-string: this is a service")
                .doesNotContain("c2VydmljZS1rZXk");
    }

    @Test
    void refusesAStringWithoutDeviceIdOrKey() {
        assertThat(run("simulate", "azure-iothub", "--device-connection-string",
                "HostName=acme.azure-devices.net;SharedAccessKey=a2V5")).isEqualTo(2);
        assertThat(err.toString()).contains("needs HostName, DeviceId and SharedAccessKey").doesNotContain("a2V5");
    }

    @Test
    void checksCountRateAndProtocol() {
        assertThat(run("simulate", "azure-iothub", "--device-connection-string", UNREACHABLE, "--messages", "0"))
                .isEqualTo(2);
        assertThat(err.toString()).contains("--messages must be between 1 and 1000000, found 0");
        assertThat(run("simulate", "azure-iothub", "--device-connection-string", UNREACHABLE, "--rate", "-5"))
                .isEqualTo(2);
        assertThat(err.toString()).contains("--rate must be above 0");
        assertThat(run("simulate", "azure-iothub", "--device-connection-string", UNREACHABLE, "--protocol", "http"))
                .isEqualTo(2);
        assertThat(err.toString()).contains("protocol 'http' is not one of mqtt, mqtt-ws, amqp, amqp-ws");
    }

    @Test
    @Timeout(90)
    void failsClearlyWhenTheHubCannotBeReached() {
        long started = System.nanoTime();
        assertThat(run("simulate", "azure-iothub", "--device-connection-string", UNREACHABLE, "--messages", "3"))
                .isEqualTo(1);
        assertThat(err.toString()).contains("simulate azure-iothub: cannot connect to IoT Hub 127.0.0.1 as device "
                + "sim-01 over MQTT").doesNotContain("c2ltLWtleS0wMQ");
        assertThat(out.toString()).doesNotContain("done:");
        System.out.println("unreachable hub reported after "
                + Duration.ofNanos(System.nanoTime() - started).toMillis() + " ms: " + err);
    }
}
