package io.tributary.testkit;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Adobe's S3Mock (the {@code exec} Spring Boot jar, copied into {@code target/s3mock} by the build)
 * as a child JVM: its own Spring Boot and Kotlin stay out of the test's class path. One per test
 * class; each test uses its own bucket or prefix. Stopped by its process handle only.
 *
 * <p>Its HTTPS connector binds 127.0.0.1 ({@code server.address}); the plain HTTP connector the
 * tests use is added by S3Mock itself without an address, so it listens on all interfaces (on a
 * random port, for the life of one test class). No S3Mock 5.2.0 property binds it to loopback.
 */
public final class S3MockServer implements AutoCloseable {

    /** S3Mock accepts any credentials; the SDK just needs some to sign with. */
    public static final String ACCESS_KEY_ID = "tributary-test";
    public static final String SECRET_ACCESS_KEY = "tributary-test-secret";
    public static final String REGION = "us-east-1";

    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(15);

    private final ServerProcess server;
    private final int port;

    private S3MockServer(ServerProcess server, int port) {
        this.server = server;
        this.port = port;
    }

    /** Starts S3Mock with {@code buckets} created and waits until it answers S3 requests. */
    public static S3MockServer start(String... buckets) throws InterruptedException {
        Path jar = jar();
        int port = Ports.freeLoopbackPort();
        int tlsPort = Ports.freeLoopbackPort();
        S3MockServer s3 = new S3MockServer(ServerProcess.start("S3Mock", "s3mock", directory -> {
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx384m", "-XX:TieredStopAtLevel=1", "-jar", jar.toString(),
                    "--server.address=" + Ports.LOOPBACK,
                    "--server.port=" + tlsPort,
                    "--com.adobe.testing.s3mock.httpPort=" + port,
                    "--com.adobe.testing.s3mock.store.root=" + directory.resolve("store"),
                    "--spring.main.banner-mode=off"));
            if (buckets.length > 0) {
                command.add("--com.adobe.testing.s3mock.store.initial-buckets=" + String.join(",", buckets));
            }
            return command;
        }, "cannot start S3Mock from " + jar), port);
        try {
            s3.server.awaitAccepting(port, START_TIMEOUT);
            s3.awaitAnswering();
        } catch (RuntimeException | InterruptedException e) {
            s3.close();
            throw e;
        }
        return s3;
    }

    /** Tomcat accepts connections a moment before Spring has mapped the S3 endpoints. */
    private void awaitAnswering() throws InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (true) {
            try {
                HttpURLConnection connection = (HttpURLConnection) URI.create(endpoint() + "/").toURL().openConnection();
                connection.setConnectTimeout(1000);
                connection.setReadTimeout(5000);
                int status = connection.getResponseCode();
                connection.disconnect();
                if (status == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // keep polling
            }
            if (!server.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("S3Mock did not answer on " + endpoint() + "\n" + server.tail());
            }
            Thread.sleep(200);
        }
    }

    /** The exec jar the integration-tests build copies into target/s3mock. */
    static Path jar() {
        String home = System.getProperty("tributary.home");
        Path base = home != null ? Path.of(home).resolve("integration-tests") : Path.of("").toAbsolutePath();
        Path jar = base.resolve("target/s3mock/s3mock-exec.jar").toAbsolutePath().normalize();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("S3Mock is not at " + jar
                    + ": the integration-tests build copies it there (maven-dependency-plugin, generate-test-resources)");
        }
        return jar;
    }

    /** {@code http://127.0.0.1:<port>}: use path-style addressing. */
    public URI endpoint() {
        return URI.create("http://" + Ports.LOOPBACK + ":" + port);
    }

    public int port() {
        return port;
    }

    public long pid() {
        return server.pid();
    }

    @Override
    public void close() {
        server.stop(STOP_TIMEOUT);
    }
}
