package io.tributary.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A server the kit runs as a child process in a temporary folder of its own, with its output in a
 * log file there: started and registered with {@link ChildProcesses}, awaited until it accepts
 * connections, stopped by its own handle (never by name) and its folder deleted.
 */
final class ServerProcess {

    private static final int TAIL_LINES = 40;

    private final String name;
    private final Process process;
    private final Path directory;
    private final Path log;

    private ServerProcess(String name, Process process, Path directory, Path log) {
        this.name = name;
        this.process = process;
        this.directory = directory;
        this.log = log;
    }

    /**
     * Starts {@code command} (given the server's new folder) in a folder named after {@code id}, its output
     * in {@code <id>.log}; {@code startFailure} explains an exception from starting the process.
     */
    static ServerProcess start(String name, String id, Function<Path, List<String>> command, String startFailure) {
        Path directory;
        try {
            directory = ChildProcesses.deleteAtExit(Files.createTempDirectory(id + "-"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a folder for " + name, e);
        }
        Path log = directory.resolve(id + ".log");
        try {
            Process process = ChildProcesses.register(new ProcessBuilder(command.apply(directory))
                    .directory(directory.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start());
            return new ServerProcess(name, process, directory, log);
        } catch (IOException e) {
            ChildProcesses.deleteNow(directory);
            throw new UncheckedIOException(startFailure, e);
        }
    }

    /** Waits until the server accepts connections on {@code port}; fails early, with its log, if it exits. */
    void awaitAccepting(int port, Duration timeout) throws InterruptedException {
        Ports.awaitAccepting(port, timeout, process::isAlive, this::tail);
    }

    boolean isAlive() {
        return process.isAlive();
    }

    long pid() {
        return process.pid();
    }

    /** The last lines of the server's log, for failure messages. */
    String tail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size()));
        } catch (IOException e) {
            return "(no " + name + " log: " + e.getMessage() + ")";
        }
    }

    /** Asks the server to stop, kills it if it has not within {@code timeout}, and deletes its folder. */
    void stop(Duration timeout) {
        process.destroy();
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        ChildProcesses.deleteNow(directory);
    }
}
