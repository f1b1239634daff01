package io.tributary.testkit;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A real Mosquitto broker as a child process on a random port of 127.0.0.1. The port stays the
 * same across {@link #restart()}, and so do sessions and queued QoS 1/2 messages when the broker
 * was created {@link #persistent()}.
 *
 * <pre>{@code
 * try (Mosquitto mosquitto = Mosquitto.persistent().start()) {
 *     ... mosquitto.url() ...
 *     mosquitto.restart();
 * }
 * }</pre>
 *
 * <p>Mosquitto started as root drops to the user {@code mosquitto}, so its folder is made
 * writable for everyone. It logs to {@code mosquitto.log} there, line by line (its stdout is
 * block-buffered when not a terminal, so a stdout log would show nothing until it exits); what
 * it prints before its log is open, such as configuration errors, goes to {@code mosquitto.out}.
 */
public final class Mosquitto implements AutoCloseable {

    /** System property that names the mosquitto binary explicitly. */
    public static final String BINARY_PROPERTY = "tributary.mosquitto";
    static final Path DEBIAN_BINARY = Path.of("/usr/sbin/mosquitto");

    private static final Duration START_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);
    /** Only the first start may move to another port; a restart must come back on the same one. */
    private static final int FIRST_START_ATTEMPTS = 3;
    private static final int LOG_TAIL_LINES = 40;
    private static final String LOG_FILE = "mosquitto.log";
    private static final String OUT_FILE = "mosquitto.out";

    private final boolean persistence;
    private final Path binary;
    private final Path directory;
    private final StringBuilder extraConfig = new StringBuilder();
    private int port;
    private boolean everStarted;
    private Process process;

    private Mosquitto(boolean persistence) {
        this.persistence = persistence;
        this.binary = locateBinary(System.getProperty(BINARY_PROPERTY), DEBIAN_BINARY, System.getenv("PATH"));
        this.directory = ChildProcesses.deleteAtExit(createDirectory());
        this.port = Ports.freeLoopbackPort();
    }

    /** A broker that forgets every session when it stops. */
    public static Mosquitto ephemeral() {
        return new Mosquitto(false);
    }

    /**
     * A broker that keeps sessions, subscriptions and queued messages in a persistence file,
     * saved every second and on a clean stop, so they survive {@link #restart()}.
     */
    public static Mosquitto persistent() {
        return new Mosquitto(true);
    }

    /** Appends lines to the generated configuration, e.g. a TLS listener. Only before the first start. */
    public Mosquitto withExtraConfig(String lines) {
        if (everStarted) {
            throw new IllegalStateException("Extra configuration must be added before the first start");
        }
        extraConfig.append(lines).append('\n');
        return this;
    }

    /** Starts the broker and waits until its port accepts connections. */
    public Mosquitto start() throws InterruptedException {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("Mosquitto is already running on port " + port);
        }
        int attempts = everStarted ? 1 : FIRST_START_ATTEMPTS;
        for (int attempt = 1; ; attempt++) {
            try {
                launch();
                everStarted = true;
                return this;
            } catch (IllegalStateException e) {
                boolean portTaken = log().contains("Address already in use");
                if (!portTaken || attempt >= attempts) {
                    throw e;
                }
                port = Ports.freeLoopbackPort();
            }
        }
    }

    /** {@code tcp://127.0.0.1:<port>}. */
    public String url() {
        return "tcp://" + Ports.LOOPBACK + ":" + port;
    }

    public int port() {
        return port;
    }

    /** The running broker's process id. */
    public long pid() {
        if (process == null) {
            throw new IllegalStateException("Mosquitto is not running");
        }
        return process.pid();
    }

    public boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** The folder holding the configuration, the log and, if persistent, the persistence file. */
    public Path directory() {
        return directory;
    }

    /**
     * Stops the broker with SIGTERM, on which a persistent broker saves its state, and waits for it
     * to exit; a broker that ignores SIGTERM is killed after 10 s.
     */
    public void stop() throws InterruptedException {
        if (process == null) {
            return;
        }
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
        }
        process = null;
    }

    /** Kills the broker with SIGKILL, as a crash would: what was not autosaved yet is lost. */
    public void kill9() throws InterruptedException {
        if (process == null) {
            return;
        }
        process.destroyForcibly().waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        process = null;
    }

    /** Stops and starts the broker on the same port with the same persistence file. */
    public void restart() throws InterruptedException {
        stop();
        start();
    }

    /**
     * Everything the broker logged, across restarts: what it printed before its log file was open,
     * then the log file. Lines appear as they are logged.
     */
    public String log() {
        Path logFile = logFileIn(extraConfig.toString()).orElse(directory.resolve(LOG_FILE));
        return read(directory.resolve(OUT_FILE)) + read(logFile);
    }

    /** The log file that extra configuration names with {@code log_dest file <path>}, if any. */
    static Optional<Path> logFileIn(String extraConfig) {
        return extraConfig.lines()
                .map(String::trim)
                .filter(line -> line.startsWith("log_dest file "))
                .map(line -> Path.of(line.substring("log_dest file ".length()).trim()))
                .reduce((first, second) -> second);
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }

    /** Stops the broker and deletes its folder. */
    @Override
    public void close() {
        try {
            stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            if (process != null) {
                process.destroyForcibly();
            }
        }
        ChildProcesses.deleteNow(directory);
    }

    private void launch() throws InterruptedException {
        Path config = directory.resolve("mosquitto.conf");
        try {
            Files.writeString(config, config(port, directory, persistence, extraConfig.toString()),
                    StandardCharsets.UTF_8);
            process = ChildProcesses.register(new ProcessBuilder(binary.toString(), "-c", config.toString())
                    .directory(directory.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(directory.resolve(OUT_FILE).toFile()))
                    .start());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + binary + " -c " + config, e);
        }
        Process started = process;
        try {
            Ports.awaitAccepting(port, START_TIMEOUT, started::isAlive,
                    () -> "mosquitto log (" + directory + "):\n" + logTail());
        } catch (IllegalStateException e) {
            started.destroyForcibly().waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            process = null;
            throw e;
        }
    }

    /** The generated mosquitto.conf for a broker whose folder is {@code directory}. */
    static String config(int port, Path directory, boolean persistence, String extraConfig) {
        StringBuilder config = new StringBuilder()
                .append("# generated by the Tributary test kit\n")
                .append("listener ").append(port).append(' ').append(Ports.LOOPBACK).append('\n')
                .append("allow_anonymous true\n")
                // the default of 1000 drops messages for a subscriber that falls behind a burst
                .append("max_queued_messages 0\n");
        if (logFileIn(extraConfig).isEmpty()) {
            // Mosquitto refuses a second "log_dest file"; extra configuration may bring its own
            config.append("log_dest file ").append(directory.resolve(LOG_FILE)).append('\n');
        }
        config.append("log_type error\nlog_type warning\nlog_type notice\nlog_type information\n")
                .append("log_timestamp_format %Y-%m-%dT%H:%M:%S\n");
        if (persistence) {
            config.append("persistence true\n")
                    .append("persistence_location ").append(directory).append("/\n")
                    .append("persistence_file mosquitto.db\n")
                    // seconds; SIGTERM saves as well, a SIGKILL loses at most this much
                    .append("autosave_interval 1\n");
        } else {
            config.append("persistence false\n");
        }
        return config.append(extraConfig).toString();
    }

    /**
     * The binary: the {@value #BINARY_PROPERTY} property if set, else {@code /usr/sbin/mosquitto},
     * else {@code mosquitto} on the PATH.
     */
    static Path locateBinary(String override, Path debianBinary, String pathVariable) {
        if (override != null && !override.isBlank()) {
            Path explicit = Path.of(override);
            if (!Files.isExecutable(explicit)) {
                throw new IllegalStateException("-D" + BINARY_PROPERTY + "=" + override + " is not an executable file");
            }
            return explicit;
        }
        List<Path> candidates = new ArrayList<>();
        candidates.add(debianBinary);
        if (pathVariable != null) {
            for (String dir : pathVariable.split(File.pathSeparator)) {
                if (!dir.isBlank()) {
                    candidates.add(Path.of(dir, "mosquitto"));
                }
            }
        }
        Optional<Path> found = candidates.stream().filter(Files::isExecutable).findFirst();
        return found.orElseThrow(() -> new IllegalStateException(
                "Mosquitto is not installed: no executable at " + debianBinary + " or as 'mosquitto' on the PATH. "
                        + "Install it with: apt-get install -y mosquitto (after apt-get update), "
                        + "or point -D" + BINARY_PROPERTY + " at the binary."));
    }

    private static Path createDirectory() {
        try {
            Path directory = Files.createTempDirectory("tributary-mosquitto-");
            // started as root, mosquitto drops to its own user, which must still write the persistence file
            Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxrwxrwx"));
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a folder for Mosquitto", e);
        }
    }

    private String logTail() {
        List<String> lines = log().lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
    }
}
