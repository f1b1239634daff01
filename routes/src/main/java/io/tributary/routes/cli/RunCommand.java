package io.tributary.routes.cli;

import io.tributary.connector.SourceConnectors;
import io.tributary.routes.config.ConfigLoader;
import io.tributary.routes.config.LoadedConfig;
import io.tributary.routes.config.Variables;
import io.tributary.routes.runtime.EmbeddedDefault;
import io.tributary.routes.runtime.Hub;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tributary run}: starts the hub and runs until Ctrl-C (or SIGTERM), then shuts down cleanly. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Starts the hub on a config directory and runs until interrupted.",
                "With --embedded it first starts a Kafka broker, an MQTT broker and a simulated device fleet in",
                "the same JVM, and points ${KAFKA_BOOTSTRAP} and ${MQTT_URL} at them."})
final class RunCommand implements Callable<Integer> {

    @Option(names = {"-c", "--config"}, defaultValue = "config", paramLabel = "DIR",
            description = "Config directory with hub.yaml and sources/ (default: ${DEFAULT-VALUE}).")
    Path config;

    @Option(names = "--embedded", description = "Run on the embedded default: Kafka, MQTT and a device fleet in-process.")
    boolean embedded;

    @Option(names = "--devices", defaultValue = "50", description = "Simulated devices with --embedded (default: ${DEFAULT-VALUE}).")
    int devices;

    @Option(names = "--rate", defaultValue = "2000",
            description = "Messages per second the simulated fleet publishes in total (default: ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--progress-interval", defaultValue = "5000",
            description = "Milliseconds between progress lines (default: ${DEFAULT-VALUE}).")
    long progressMillis;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        EmbeddedDefault brokers = embedded ? EmbeddedDefault.start() : null;
        Variables variables = Variables.environment();
        if (brokers != null) {
            variables = variables.overlay(brokers.variables());
        }
        LoadedConfig loaded = new ConfigLoader(SourceConnectors.discover(), variables).load(config);
        if (!ConfigDirOption.report(loaded, spec.commandLine().getErr())) {
            if (brokers != null) {
                brokers.close();
            }
            return 1;
        }
        Hub hub = Hub.start(loaded, System.out, progressMillis);
        if (brokers != null) {
            brokers.startFleet(devices, rate);
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("Shutting down: flushing open files and committing offsets...");
            if (brokers != null) {
                brokers.stopFleet();
            }
            hub.close();
            if (brokers != null) {
                brokers.close();
            }
            stopped.countDown();
        }, "tributary-shutdown"));
        System.out.println("Tributary is running; press Ctrl-C to stop.");
        stopped.await();
        return 0;
    }
}
