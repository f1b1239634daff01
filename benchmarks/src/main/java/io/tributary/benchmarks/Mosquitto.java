package io.tributary.benchmarks;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A Mosquitto broker as a child process on a free port of 127.0.0.1, configured as the test kit's
 * is (no persistence, unbounded queues, log to a file in its own temporary folder). {@link #close()}
 * stops exactly this process.
 */
final class Mosquitto implements AutoCloseable {

    static final String DEFAULT_EXECUTABLE = "/usr/sbin/mosquitto";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(10);

    private final Process process;
    private final int port;
    private final Path dir;

    private Mosquitto(Process process, int port, Path dir) {
        this.process = process;
        this.port = port;
        this.dir = dir;
    }

    /**
     * @param maxInflight {@code max_inflight_messages}: unacknowledged QoS 1 messages per client in
     *                    each direction (the Receive Maximum it announces to MQTT 5 clients); 20 is
     *                    Mosquitto's default
     */
    static Mosquitto start(String executable, int maxInflight) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("tributary-bench-mosquitto-");
        int port = freePort();
        Path config = dir.resolve("mosquitto.conf");
        Files.writeString(config, String.join("\n",
                "listener " + port + " 127.0.0.1",
                "allow_anonymous true",
                "persistence false",
                "log_dest stdout",
                // the default of 1000 drops messages under load
                "max_queued_messages 0",
                "max_inflight_messages " + maxInflight,
                ""));
        Process process = new ProcessBuilder(executable, "-c", config.toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("mosquitto.log").toFile())
                .start();
        Mosquitto mosquitto = new Mosquitto(process, port, dir);
        try {
            mosquitto.awaitListening();
        } catch (IOException | InterruptedException | RuntimeException e) {
            mosquitto.close();
            throw e;
        }
        return mosquitto;
    }

    String url() {
        return "tcp://127.0.0.1:" + port;
    }

    long pid() {
        return process.pid();
    }

    private void awaitListening() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (true) {
            if (!process.isAlive()) {
                throw new IOException("mosquitto exited with " + process.exitValue() + "; see "
                        + dir.resolve("mosquitto.log") + ":\n" + Files.readString(dir.resolve("mosquitto.log")));
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
                return;
            } catch (IOException notYet) {
                if (System.nanoTime() > deadline) {
                    throw new IOException("mosquitto did not listen on port " + port + " within " + START_TIMEOUT);
                }
                Thread.sleep(20);
            }
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        Folders.delete(dir);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
