package io.tributary.testkit;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The hub as a child JVM, the way an operator runs it: {@code java -cp <this JVM's class path>
 * io.tributary.routes.cli.TributaryCli <args>}, with extra environment variables and its output
 * in a log file. Tests use it for what needs a real process: SIGTERM, SIGKILL, restarts, several
 * hubs at once.
 *
 * <pre>{@code
 * try (HubProcess hub = HubProcess.hub("run", "--config", dir.toString())
 *         .env("MQTT_URL", mosquitto.url())
 *         .log(tmp.resolve("hub.log"))
 *         .start()) {
 *     hub.waitForLog("started", Duration.ofSeconds(30));
 *     hub.kill9();
 * }
 * }</pre>
 */
public final class HubProcess implements AutoCloseable {

    public static final String HUB_MAIN_CLASS = "io.tributary.routes.cli.TributaryCli";

    /** Exit codes of a JVM ended by a signal on Linux: 128 + the signal number. */
    public static final int EXIT_SIGTERM = 128 + 15;
    public static final int EXIT_SIGKILL = 128 + 9;

    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration LOG_POLL = Duration.ofMillis(50);
    private static final int LOG_TAIL_LINES = 60;

    private final Process process;
    private final Path logFile;
    private final long logStart;
    private final Path argFile;

    private HubProcess(Process process, Path logFile, long logStart, Path argFile) {
        this.process = process;
        this.logFile = logFile;
        this.logStart = logStart;
        this.argFile = argFile;
    }

    /** A hub command line, e.g. {@code hub("run", "--config", dir)}. */
    public static Builder hub(String... args) {
        return new Builder(HUB_MAIN_CLASS, List.of(args));
    }

    /** Any main class on this JVM's class path, run the same way as the hub. */
    public static Builder mainClass(String mainClass, String... args) {
        return new Builder(mainClass, List.of(args));
    }

    /** How to start one child JVM. */
    public static final class Builder {
        private final String mainClass;
        private final List<String> args;
        private final Map<String, String> env = new LinkedHashMap<>();
        private final List<String> jvmArgs = new ArrayList<>();
        private Path log;
        private Path workingDirectory;

        private Builder(String mainClass, List<String> args) {
            this.mainClass = mainClass;
            this.args = args;
        }

        /** An environment variable on top of this JVM's environment. */
        public Builder env(String name, String value) {
            env.put(name, value);
            return this;
        }

        public Builder env(Map<String, String> variables) {
            env.putAll(variables);
            return this;
        }

        /** A JVM option such as {@code -Xmx256m} or {@code -Dkey=value}. */
        public Builder jvmArg(String option) {
            jvmArgs.add(option);
            return this;
        }

        /** Where stdout and stderr go (appended); without it, a new temporary file. */
        public Builder log(Path logFile) {
            this.log = logFile;
            return this;
        }

        public Builder workingDirectory(Path directory) {
            this.workingDirectory = directory;
            return this;
        }

        public HubProcess start() {
            try {
                Path logFile = log != null ? log : Files.createTempFile("tributary-hub-", ".log");
                Files.createDirectories(logFile.toAbsolutePath().getParent());
                long logStart = Files.exists(logFile) ? Files.size(logFile) : 0;
                Path argFile = ChildProcesses.deleteAtExit(classPathArgFile());
                List<String> command = new ArrayList<>();
                command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
                command.addAll(jvmArgs);
                // an argument file keeps a long class path off the command line (and out of ps)
                command.add("@" + argFile);
                command.add(mainClass);
                command.addAll(args);
                ProcessBuilder builder = new ProcessBuilder(command)
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
                builder.environment().putAll(env);
                if (workingDirectory != null) {
                    builder.directory(workingDirectory.toFile());
                }
                Process process = ChildProcesses.register(builder.start());
                return new HubProcess(process, logFile, logStart, argFile);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot start " + mainClass, e);
            }
        }

        private static Path classPathArgFile() throws IOException {
            Path file = Files.createTempFile("tributary-hub-classpath-", ".args");
            String classPath = System.getProperty("java.class.path");
            // argument files take quoted strings in which a backslash escapes
            String quoted = "\"" + classPath.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
            Files.writeString(file, "-cp " + quoted + "\n", StandardCharsets.UTF_8);
            return file;
        }
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public Path logFile() {
        return logFile;
    }

    /** What this process has printed so far. */
    public String log() {
        return new String(readLog(logStart), StandardCharsets.UTF_8);
    }

    private byte[] readLog(long from) {
        try (RandomAccessFile file = new RandomAccessFile(logFile.toFile(), "r")) {
            long length = file.length();
            byte[] bytes = new byte[(int) Math.max(0, length - from)];
            file.seek(from);
            file.readFully(bytes);
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + logFile, e);
        }
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] joined = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, joined, first.length, second.length);
        return joined;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /**
     * Waits until this process's output contains {@code fragment}. Every call searches all of
     * this process's output, from its start.
     *
     * @throws AssertionError with the end of the log when the timeout passes or the process exits first
     */
    public void waitForLog(String fragment, Duration timeout) throws InterruptedException {
        byte[] wanted = fragment.getBytes(StandardCharsets.UTF_8);
        long deadline = System.nanoTime() + timeout.toNanos();
        long scanned = logStart;
        byte[] carry = new byte[0];
        while (true) {
            // decide on liveness before reading, so output written just before the exit still counts
            boolean alive = process.isAlive();
            byte[] fresh = readLog(scanned);
            scanned += fresh.length;
            byte[] window = concat(carry, fresh);
            if (indexOf(window, wanted) >= 0) {
                return;
            }
            // keep enough of the end to find a fragment split across two reads
            int keep = Math.min(window.length, Math.max(0, wanted.length - 1));
            carry = Arrays.copyOfRange(window, window.length - keep, window.length);
            if (!alive) {
                throw new AssertionError("The process exited with code " + process.exitValue() + " before printing \""
                        + fragment + "\"\n" + logTail());
            }
            if (System.nanoTime() - deadline >= 0) {
                throw new AssertionError("No \"" + fragment + "\" in the output within " + timeout.toMillis()
                        + " ms\n" + logTail());
            }
            Thread.sleep(LOG_POLL.toMillis());
        }
    }

    /**
     * Stops the process with SIGTERM, as a service manager would, and waits for it to exit.
     *
     * @return the exit code
     * @throws AssertionError if it did not exit within 30 s (it is then killed)
     */
    public int stop() throws InterruptedException {
        return stop(STOP_TIMEOUT);
    }

    public int stop(Duration timeout) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            throw new AssertionError("The process did not exit within " + timeout.toMillis()
                    + " ms of SIGTERM and was killed\n" + logTail());
        }
        cleanUp();
        return process.exitValue();
    }

    /**
     * Kills the process with SIGKILL, as a crash or an OOM killer would: no shutdown hook runs.
     * On Linux {@link Process#destroyForcibly()} sends SIGKILL; the exit code proves it.
     *
     * @return the exit code, {@value #EXIT_SIGKILL}
     */
    public int kill9() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("The process " + pid() + " survived SIGKILL for " + STOP_TIMEOUT.toSeconds() + " s");
        }
        cleanUp();
        return process.exitValue();
    }

    /** Waits for the process to exit on its own; returns its exit code, or throws after the timeout. */
    public int waitForExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("The process did not exit within " + timeout.toMillis() + " ms\n" + logTail());
        }
        cleanUp();
        return process.exitValue();
    }

    /** Kills the process if it still runs; for try-with-resources after a failed test. */
    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        cleanUp();
    }

    /** The last lines of the output, for failure messages. */
    public String logTail() {
        List<String> lines = log().lines().toList();
        return "--- last lines of " + logFile + " ---\n"
                + String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
    }

    private void cleanUp() {
        ChildProcesses.deleteNow(argFile);
    }
}
