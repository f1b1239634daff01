package io.tributary.it.kinesis;

import io.tributary.testkit.Ports;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;

/**
 * kinesis-local (kinesis-mock for Node, from integration-tests/src/test/node, installed by the build with npm ci) as
 * a child process on random loopback ports. It has no host option, so bind-loopback.js is preloaded to force its
 * listen() calls onto 127.0.0.1. One per test class; each test creates its own stream.
 */
final class KinesisLocal implements AutoCloseable {

    static final String REGION = "us-east-1";
    static final String ACCESS_KEY = "test-access-key";
    static final String SECRET_KEY = "test-secret-key";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration ACTIVE_TIMEOUT = Duration.ofSeconds(30);

    private final Process process;
    private final Path log;
    private final int port;
    private final KinesisClient client;

    private KinesisLocal(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
        this.client = KinesisClient.builder()
                .endpointOverride(URI.create(endpoint()))
                .region(Region.of(REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .build();
    }

    static KinesisLocal start() throws IOException, InterruptedException {
        Path node = nodeFolder();
        Path module = node.resolve("node_modules").resolve("kinesis-local");
        if (!Files.isRegularFile(module.resolve("main.js"))) {
            throw new IllegalStateException("kinesis-local is not installed in " + module + ": run npm ci in " + node
                    + " (the integration-tests build does so when node_modules is missing)");
        }
        int port = Ports.freeLoopbackPort();
        int tlsPort = Ports.freeLoopbackPort();
        Path log = Files.createTempFile("kinesis-local-", ".log");
        ProcessBuilder builder = new ProcessBuilder("node", "-r", node.resolve("bind-loopback.js").toString(), "main.js")
                .directory(module.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("KINESIS_MOCK_PLAIN_PORT", Integer.toString(port));
        builder.environment().put("KINESIS_MOCK_TLS_PORT", Integer.toString(tlsPort));
        builder.environment().put("LOG_LEVEL", "WARN");
        // streams become ACTIVE at once, so the tests need not wait for them
        builder.environment().put("CREATE_STREAM_DURATION", "0ms");
        builder.environment().put("SPLIT_SHARD_DURATION", "0ms");
        builder.environment().put("SHARD_LIMIT", "100");
        Process process = builder.start();
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly, "kinesis-local-reaper"));
        try {
            Ports.awaitAccepting(port, START_TIMEOUT, process::isAlive, () -> tail(log));
        } catch (RuntimeException | InterruptedException e) {
            process.destroyForcibly();
            throw e;
        }
        return new KinesisLocal(process, log, port);
    }

    /** integration-tests/src/test/node, found from the tributary.home property Failsafe sets, else the module. */
    static Path nodeFolder() {
        String home = System.getProperty("tributary.home");
        Path base = home != null ? Path.of(home).resolve("integration-tests") : Path.of("").toAbsolutePath();
        return base.resolve("src").resolve("test").resolve("node").toAbsolutePath().normalize();
    }

    String endpoint() {
        return "http://" + Ports.LOOPBACK + ":" + port;
    }

    KinesisClient client() {
        return client;
    }

    void createStream(String name, int shards) throws InterruptedException {
        client.createStream(r -> r.streamName(name).shardCount(shards));
        awaitActive(name);
    }

    void awaitActive(String name) throws InterruptedException {
        long deadline = System.nanoTime() + ACTIVE_TIMEOUT.toNanos();
        while (client.describeStreamSummary(r -> r.streamName(name)).streamDescriptionSummary().streamStatus()
                != StreamStatus.ACTIVE) {
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("stream " + name + " did not become ACTIVE within " + ACTIVE_TIMEOUT);
            }
            Thread.sleep(50);
        }
    }

    List<Shard> shards(String stream) {
        return client.listShards(r -> r.streamName(stream)).shards();
    }

    /**
     * Puts records in batches of 500, in list order. A refused entry fails the test: retrying it would let it overtake
     * the later records of its partition key, which the ordering assertions must not confuse with a hub fault.
     */
    void put(String stream, List<PutRecordsRequestEntry> entries) {
        for (int from = 0; from < entries.size(); from += 500) {
            List<PutRecordsRequestEntry> batch = entries.subList(from, Math.min(entries.size(), from + 500));
            PutRecordsResponse response = client.putRecords(r -> r.streamName(stream).records(batch));
            if (response.failedRecordCount() != null && response.failedRecordCount() > 0) {
                throw new IllegalStateException(response.failedRecordCount() + " records were refused, e.g. "
                        + response.records().stream().filter(e -> e.errorCode() != null).findFirst().orElseThrow());
            }
        }
    }

    static PutRecordsRequestEntry entry(String partitionKey, String payload) {
        return PutRecordsRequestEntry.builder().partitionKey(partitionKey)
                .data(SdkBytes.fromString(payload, StandardCharsets.UTF_8)).build();
    }

    String log() {
        return tail(log);
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no kinesis-local log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        client.close();
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            Files.deleteIfExists(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
