package io.tributary.it.pubsub;

import com.google.api.core.ApiFuture;
import com.google.api.core.ApiFutures;
import com.google.api.gax.core.NoCredentialsProvider;
import com.google.api.gax.grpc.GrpcTransportChannel;
import com.google.api.gax.rpc.FixedTransportChannelProvider;
import com.google.api.gax.rpc.TransportChannelProvider;
import com.google.cloud.pubsub.v1.Publisher;
import com.google.cloud.pubsub.v1.SubscriptionAdminClient;
import com.google.cloud.pubsub.v1.SubscriptionAdminSettings;
import com.google.cloud.pubsub.v1.TopicAdminClient;
import com.google.cloud.pubsub.v1.TopicAdminSettings;
import com.google.protobuf.ByteString;
import com.google.pubsub.v1.ProjectSubscriptionName;
import com.google.pubsub.v1.PubsubMessage;
import com.google.pubsub.v1.Subscription;
import com.google.pubsub.v1.TopicName;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.tributary.testkit.Ports;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Google's Pub/Sub emulator as a child process on a random port of 127.0.0.1, with an admin client and publishers
 * for tests. One per test class; each test uses its own topic and subscription.
 *
 * <p>The emulator is found, in this order, through the system property {@value #HOME_PROPERTY} or the variable
 * {@code PUBSUB_EMULATOR_HOME} (the folder holding {@code bin/cloud-pubsub-emulator}), through {@code gcloud} on
 * the PATH (its SDK's {@code platform/pubsub-emulator}), or at the Debian package's path. When it is nowhere, the
 * start fails and says how to install it. The emulator's jar is started with {@link StatusShim} first on its class
 * path, which fixes its handling of ended streams.
 *
 * <pre>{@code
 * try (PubSubEmulator emulator = PubSubEmulator.start()) {
 *     emulator.createTopic("t");
 *     emulator.createSubscription("t", "s", false);
 *     emulator.publish("t", List.of(PubSubEmulator.message("{}", Map.of("deviceId", "d1"), "")));
 * }
 * }</pre>
 */
public final class PubSubEmulator implements AutoCloseable {

    public static final String PROJECT = "tributary-it";
    public static final String HOME_PROPERTY = "tributary.pubsub.emulator.home";
    static final Path DEBIAN_HOME = Path.of("/usr/lib/google-cloud-sdk/platform/pubsub-emulator");
    /** Proves the folder is an emulator installation; the jar next to it is started directly. */
    private static final String LAUNCHER = "bin/cloud-pubsub-emulator";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    private final Process process;
    private final int port;
    private final Path directory;
    private final ManagedChannel channel;
    private final Thread reaper;

    private PubSubEmulator(Process process, int port, Path directory) {
        this.process = process;
        this.port = port;
        this.directory = directory;
        this.channel = ManagedChannelBuilder.forTarget(host()).usePlaintext().build();
        this.reaper = new Thread(process::destroyForcibly, "pubsub-emulator-reaper");
        Runtime.getRuntime().addShutdownHook(reaper);
    }

    /** Starts an emulator and waits until it accepts connections. */
    public static PubSubEmulator start() throws InterruptedException {
        Path home = locate();
        int port = Ports.freeLoopbackPort();
        try {
            Path directory = Files.createTempDirectory("tributary-pubsub-");
            Path jar = emulatorJar(home);
            Path shim = StatusShim.compile(directory.resolve("shim"), jar);
            String mainClass;
            try (JarFile file = new JarFile(jar.toFile())) {
                mainClass = file.getManifest().getMainAttributes().getValue("Main-Class");
            }
            List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx512m", "-XX:+UseSerialGC", "-cp", shim + File.pathSeparator + jar, mainClass,
                    "--host=" + Ports.LOOPBACK, "--port=" + port);
            Process process = new ProcessBuilder(command)
                    .directory(directory.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(directory.resolve("emulator.log").toFile())
                    .start();
            PubSubEmulator emulator = new PubSubEmulator(process, port, directory);
            try {
                Ports.awaitAccepting(port, START_TIMEOUT, process::isAlive, emulator::log);
            } catch (RuntimeException | InterruptedException e) {
                emulator.close();
                throw e;
            }
            return emulator;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the Pub/Sub emulator from " + home, e);
        }
    }

    /** The emulator's all-in-one jar, {@code lib/cloud-pubsub-emulator-<version>-all.jar}. */
    private static Path emulatorJar(Path home) throws IOException {
        try (Stream<Path> files = Files.list(home.resolve("lib"))) {
            return files.filter(f -> f.getFileName().toString().matches("cloud-pubsub-emulator-.*\\.jar"))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("No cloud-pubsub-emulator-*.jar in " + home.resolve("lib")));
        }
    }

    /** The emulator's home folder, or a failure that says where it was looked for. */
    static Path locate() {
        List<Path> candidates = new ArrayList<>();
        String property = System.getProperty(HOME_PROPERTY);
        if (property != null) {
            candidates.add(Path.of(property));
        }
        String env = System.getenv("PUBSUB_EMULATOR_HOME");
        if (env != null) {
            candidates.add(Path.of(env));
        }
        gcloudSdk().ifPresent(sdk -> candidates.add(sdk.resolve("platform/pubsub-emulator")));
        candidates.add(DEBIAN_HOME);
        for (Path candidate : candidates) {
            if (Files.isExecutable(candidate.resolve(LAUNCHER))) {
                return candidate;
            }
        }
        throw new IllegalStateException("No Pub/Sub emulator found (looked for " + LAUNCHER + " under " + candidates
                + "). Install the Debian package google-cloud-cli-pubsub-emulator, run gcloud components install "
                + "pubsub-emulator, or point -D" + HOME_PROPERTY + " or PUBSUB_EMULATOR_HOME at its folder.");
    }

    /** The SDK folder of a gcloud on the PATH ({@code <sdk>/bin/gcloud}, often behind a symlink). */
    private static java.util.Optional<Path> gcloudSdk() {
        String path = System.getenv("PATH");
        if (path == null) {
            return java.util.Optional.empty();
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            Path gcloud = Path.of(dir, "gcloud");
            if (Files.isExecutable(gcloud)) {
                try {
                    return java.util.Optional.of(gcloud.toRealPath().getParent().getParent());
                } catch (IOException | NullPointerException e) {
                    // not resolvable; try the next entry
                }
            }
        }
        return java.util.Optional.empty();
    }

    /** {@code 127.0.0.1:<port>}, the value for {@code emulatorHost}. */
    public String host() {
        return Ports.LOOPBACK + ":" + port;
    }

    public long pid() {
        return process.pid();
    }

    private TransportChannelProvider channels() {
        return FixedTransportChannelProvider.create(GrpcTransportChannel.create(channel));
    }

    public void createTopic(String topic) throws IOException {
        try (TopicAdminClient admin = TopicAdminClient.create(TopicAdminSettings.newBuilder()
                .setTransportChannelProvider(channels()).setCredentialsProvider(NoCredentialsProvider.create()).build())) {
            admin.createTopic(TopicName.of(PROJECT, topic));
        }
    }

    public void createSubscription(String topic, String subscription, boolean ordering) throws IOException {
        try (SubscriptionAdminClient admin = SubscriptionAdminClient.create(SubscriptionAdminSettings.newBuilder()
                .setTransportChannelProvider(channels()).setCredentialsProvider(NoCredentialsProvider.create()).build())) {
            admin.createSubscription(Subscription.newBuilder()
                    .setName(ProjectSubscriptionName.format(PROJECT, subscription))
                    .setTopic(TopicName.format(PROJECT, topic))
                    .setAckDeadlineSeconds(10)
                    .setEnableMessageOrdering(ordering)
                    .build());
        }
    }

    public static PubsubMessage message(byte[] payload, Map<String, String> attributes, String orderingKey) {
        return PubsubMessage.newBuilder().setData(ByteString.copyFrom(payload)).putAllAttributes(attributes)
                .setOrderingKey(orderingKey).build();
    }

    /** A publisher on the topic; with ordering, messages of one ordering key keep their order. Close it after use. */
    public Publisher publisher(String topic, boolean ordering) throws IOException {
        return Publisher.newBuilder(TopicName.of(PROJECT, topic))
                .setChannelProvider(channels())
                .setCredentialsProvider(NoCredentialsProvider.create())
                .setEnableMessageOrdering(ordering)
                .build();
    }

    /** Publishes and waits until the emulator has every message; returns their message ids in order. */
    public List<String> publish(String topic, List<PubsubMessage> messages, boolean ordering) throws IOException {
        Publisher publisher = publisher(topic, ordering);
        try {
            List<ApiFuture<String>> ids = new ArrayList<>(messages.size());
            for (PubsubMessage message : messages) {
                ids.add(publisher.publish(message));
            }
            return ApiFutures.allAsList(ids).get(60, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Publishing " + messages.size() + " messages to " + topic + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            shutdown(publisher);
        }
    }

    public static void shutdown(Publisher publisher) {
        publisher.shutdown();
        try {
            publisher.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** What the emulator printed. */
    public String log() {
        try {
            return Files.readString(directory.resolve("emulator.log"));
        } catch (IOException e) {
            return "(no emulator log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        channel.shutdownNow();
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(reaper);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down; the hook runs anyway
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a leftover temp folder is harmless
        }
    }
}
