package io.tributary.it.pulsar;

import io.tributary.testkit.Ports;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.pulsar.client.api.PulsarClient;
import org.apache.pulsar.client.api.PulsarClientException;

/**
 * A Pulsar 4.2.4 standalone broker in a child JVM, on random ports of 127.0.0.1, with its data in a temporary folder
 * that is also its working directory. One per test class; each test uses its own topics and subscriptions.
 *
 * <p>The broker runs from the class path of the test-only module {@code integration-tests/pulsar-standalone}
 * (its {@code target/pulsar-standalone.classpath}, which the reactor builds before this module): its pulsar-client
 * 4.2.4 would clash with the 4.1.2 the hub's camel-pulsar uses, and a failed broker start leaves threads that keep
 * a JVM alive, which a child process can simply be killed for. The child halts when its standard input ends, so it
 * dies with this JVM even when no test cleaned up.
 *
 * <pre>{@code
 * try (PulsarStandaloneServer pulsar = PulsarStandaloneServer.start()) {
 *     pulsar.createPartitionedTopic("persistent://public/default/fleet", 4);
 *     try (PulsarClient client = pulsar.client()) { ... }
 * }
 * }</pre>
 */
public final class PulsarStandaloneServer implements AutoCloseable {

    static final String MAIN_CLASS = "io.tributary.pulsar.standalone.StandaloneBroker";
    private static final Pattern READY =
            Pattern.compile("PULSAR_READY brokerPort=(\\d+) webPort=(\\d+) tlsPort=(-?\\d+)");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

    private final Process process;
    private final Path directory;
    private final int brokerPort;
    private final int webPort;
    private final int tlsPort;
    /** The token this kit's own clients and admin calls present, when the broker requires one. */
    private volatile String adminToken;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private PulsarStandaloneServer(Process process, Path directory, int[] ports) {
        this.process = process;
        this.directory = directory;
        this.brokerPort = ports[0];
        this.webPort = ports[1];
        this.tlsPort = ports[2];
    }

    /** Starts a broker and waits until it printed its ports (about 10 s here, longer on a busy machine). */
    public static PulsarStandaloneServer start() throws InterruptedException {
        return start(List.of());
    }

    /**
     * Starts a broker that also serves TLS on a random port ({@link #tlsServiceUrl()}) with the given PEM files, and
     * requires a client certificate signed by {@code caFile} there.
     */
    public static PulsarStandaloneServer startWithTls(Path certFile, Path keyFile, Path caFile)
            throws InterruptedException {
        return start(List.of("-Dtributary.pulsar.tls.cert=" + certFile, "-Dtributary.pulsar.tls.key=" + keyFile,
                "-Dtributary.pulsar.tls.ca=" + caFile));
    }

    /**
     * Starts a broker that requires token authentication: HS256 tokens signed with {@code secret}; the role "admin"
     * is a super user, and {@code adminToken} (for that role) is what this kit's clients and admin calls present.
     */
    public static PulsarStandaloneServer startWithToken(byte[] secret, String adminToken) throws InterruptedException {
        return start(List.of("-Dtributary.pulsar.token.secret=" + java.util.Base64.getEncoder().encodeToString(secret),
                "-Dtributary.pulsar.token.admin=" + adminToken), adminToken);
    }

    private static PulsarStandaloneServer start(List<String> brokerOptions) throws InterruptedException {
        return start(brokerOptions, null);
    }

    private static PulsarStandaloneServer start(List<String> brokerOptions, String adminToken)
            throws InterruptedException {
        Path module = moduleFolder();
        Path classPathFile = module.resolve("target/pulsar-standalone.classpath");
        if (!Files.isRegularFile(classPathFile)) {
            throw new IllegalStateException("No " + classPathFile + ": build the broker's module first, e.g. mvn -pl "
                    + "integration-tests -am verify, or mvn -f integration-tests/pulsar-standalone/pom.xml package");
        }
        Path directory;
        Process process;
        try {
            directory = Files.createTempDirectory("tributary-pulsar-");
            Path argFile = directory.resolve("java.args");
            String classPath = module.resolve("target/classes") + File.pathSeparator
                    + Files.readString(classPathFile).trim();
            Files.writeString(argFile, "-cp \"" + classPath.replace("\\", "\\\\") + "\"\n");
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx512m", "-XX:+UseSerialGC", "-Djava.net.preferIPv4Stack=true",
                    "-Dlog4j2.configurationFile=" + module.resolve("log4j2.xml")));
            command.addAll(brokerOptions);
            command.addAll(List.of("@" + argFile, MAIN_CLASS));
            process = new ProcessBuilder(command)
                    .directory(directory.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(directory.resolve("broker.log").toFile())
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the Pulsar standalone broker", e);
        }
        Thread reaper = new Thread(() -> kill(process), "pulsar-standalone-reaper");
        Runtime.getRuntime().addShutdownHook(reaper);
        try {
            int[] ports = awaitReady(process, directory.resolve("broker.log"));
            PulsarStandaloneServer server = new PulsarStandaloneServer(process, directory, ports);
            server.adminToken = adminToken;
            server.awaitAdmin();
            return server;
        } catch (RuntimeException | InterruptedException e) {
            kill(process);
            deleteQuietly(directory);
            throw e;
        }
    }

    /** integration-tests/pulsar-standalone, found from the tributary.home property Failsafe sets, else from here. */
    static Path moduleFolder() {
        String home = System.getProperty("tributary.home");
        Path base = home != null ? Path.of(home).resolve("integration-tests") : Path.of("").toAbsolutePath();
        return base.resolve("pulsar-standalone").toAbsolutePath().normalize();
    }

    private static int[] awaitReady(Process process, Path log) throws InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (true) {
            String output = read(log);
            Matcher ready = READY.matcher(output);
            if (ready.find()) {
                return new int[] {Integer.parseInt(ready.group(1)), Integer.parseInt(ready.group(2)),
                        Integer.parseInt(ready.group(3))};
            }
            if (!process.isAlive() || output.contains("PULSAR_FAILED")) {
                throw new IllegalStateException("The Pulsar broker failed to start:\n" + tail(output));
            }
            if (System.nanoTime() - deadline >= 0) {
                throw new IllegalStateException("The Pulsar broker did not start within " + START_TIMEOUT.toSeconds()
                        + " s:\n" + tail(output));
            }
            Thread.sleep(200);
        }
    }

    /** The standalone creates its default namespaces just after it reports its ports. */
    private void awaitAdmin() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            try {
                HttpResponse<String> response = http.send(admin("/admin/v2/namespaces/public").GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200 && response.body().contains("public/default")) {
                    return;
                }
            } catch (IOException e) {
                // not serving yet
            }
            if (System.nanoTime() - deadline >= 0) {
                throw new IllegalStateException("public/default did not appear within 60 s\n" + logTail());
            }
            Thread.sleep(200);
        }
    }

    public String serviceUrl() {
        return "pulsar://" + Ports.LOOPBACK + ":" + brokerPort;
    }

    /** pulsar+ssl://127.0.0.1:port, for a broker started with {@link #startWithTls}. */
    public String tlsServiceUrl() {
        if (tlsPort < 0) {
            throw new IllegalStateException("this broker was started without TLS");
        }
        return "pulsar+ssl://" + Ports.LOOPBACK + ":" + tlsPort;
    }

    public String webUrl() {
        return "http://" + Ports.LOOPBACK + ":" + webPort;
    }

    public long pid() {
        return process.pid();
    }

    /** A client for publishing and inspecting (with the admin token, when there is one); the caller closes it. */
    public PulsarClient client() throws PulsarClientException {
        var builder = PulsarClient.builder().serviceUrl(serviceUrl());
        if (adminToken != null) {
            builder.authentication(org.apache.pulsar.client.api.AuthenticationFactory.token(adminToken));
        }
        return builder.build();
    }

    private HttpRequest.Builder admin(String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(webUrl() + path));
        return adminToken == null ? request : request.header("Authorization", "Bearer " + adminToken);
    }

    /** Creates a partitioned topic, e.g. persistent://public/default/fleet with 4 partitions, through the admin API. */
    public void createPartitionedTopic(String topic, int partitions) throws IOException, InterruptedException {
        String path = topic.replace("persistent://", "persistent/");
        HttpResponse<String> response = http.send(admin("/admin/v2/" + path + "/partitions")
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(Integer.toString(partitions))).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException("creating " + topic + " with " + partitions + " partitions failed: "
                    + response.statusCode() + " " + response.body());
        }
    }

    /**
     * Messages of a non-partitioned topic's subscription not yet acknowledged (its backlog), from the admin API's
     * topic statistics; -1 when the subscription does not exist.
     */
    public long backlog(String topic, String subscription) {
        String path = topic.replace("persistent://", "persistent/");
        try {
            String body = http.send(admin("/admin/v2/" + path + "/stats").GET().build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            com.fasterxml.jackson.databind.JsonNode sub = new com.fasterxml.jackson.databind.ObjectMapper()
                    .readTree(body).path("subscriptions").path(subscription);
            return sub.isMissingNode() ? -1 : sub.path("msgBacklog").asLong();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the statistics of " + topic, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    public String logTail() {
        return tail(read(directory.resolve("broker.log")));
    }

    /** Kills the broker (SIGKILL: its data is thrown away with the folder) and deletes its folder. */
    @Override
    public void close() {
        kill(process);
        deleteQuietly(directory);
    }

    private static void kill(Process process) {
        // the broker starts no processes of its own; descendants are killed too in case a future version does
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String read(Path log) {
        try {
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "";
        }
    }

    private static String tail(String output) {
        List<String> lines = output.lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    }

    private static void deleteQuietly(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            List<Path> all = new ArrayList<>(paths.sorted(Comparator.reverseOrder()).toList());
            for (Path path : all) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            // a leftover temporary folder is not worth failing a test for
        }
    }
}
