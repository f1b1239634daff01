package io.tributary.it.mqtt;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A real Mosquitto on a loopback port that stays the same across restarts, with persistence in a temporary
 * folder, so sessions and queued messages survive {@link #restart()}. Extra configuration lines (e.g. a TLS
 * listener) are appended to the generated file.
 */
final class LocalMosquitto implements AutoCloseable {

    private static final Path BINARY = Path.of("/usr/sbin/mosquitto");
    private final Path dir;
    private final int port;
    private final Path config;
    private Process process;

    LocalMosquitto(Path dir, String extraConfig) throws IOException {
        this.dir = dir;
        this.port = freePort();
        this.config = dir.resolve("mosquitto.conf");
        Files.writeString(config, """
                per_listener_settings false
                allow_anonymous true
                persistence true
                persistence_location %s/
                log_dest file %s
                max_queued_messages 0
                user root
                listener %d 127.0.0.1
                %s
                """.formatted(dir, dir.resolve("mosquitto.log"), port, extraConfig), StandardCharsets.UTF_8);
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    String url() {
        return "tcp://127.0.0.1:" + port;
    }

    LocalMosquitto start() throws IOException, InterruptedException {
        process = new ProcessBuilder(BINARY.toString(), "-c", config.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("mosquitto.out").toFile()))
                .start();
        awaitListening(port, Duration.ofSeconds(10));
        return this;
    }

    /** Stops with SIGTERM, which makes Mosquitto save its persistence file, and waits for the exit. */
    void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
        process = null;
    }

    void restart() throws IOException, InterruptedException {
        stop();
        start();
    }

    /** Forgets every session and queued message, as a broker without persistence would after a restart. */
    void wipePersistence() throws IOException {
        Files.deleteIfExists(dir.resolve("mosquitto.db"));
    }

    String log() {
        Path log = dir.resolve("mosquitto.log");
        try {
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    void awaitListening(int listenerPort, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try (Socket probe = new Socket(InetAddress.getLoopbackAddress(), listenerPort)) {
                return;
            } catch (IOException e) {
                if (System.nanoTime() > deadline || !process.isAlive()) {
                    throw new IOException("mosquitto did not listen on " + listenerPort + ":\n" + log(), e);
                }
                Thread.sleep(50);
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
