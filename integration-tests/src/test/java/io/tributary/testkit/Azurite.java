package io.tributary.testkit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Azurite's Blob service (npm {@code azurite}, installed by the build with {@code npm ci} into
 * integration-tests/src/test/node from the committed lock file) as a child process on a random loopback port, with
 * its data in a temporary folder. It serves Azure's well-known development account {@value #ACCOUNT}; clients reach
 * it through {@link #connectionString()} or {@link #blobEndpoint()}. One per test class; each test uses its own
 * container. Stopped by its process handle only.
 */
public final class Azurite implements AutoCloseable {

    public static final String ACCOUNT = "devstoreaccount1";
    /** The development account's published key: not a secret. */
    public static final String ACCOUNT_KEY =
            "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

    private final ServerProcess server;
    private final int port;

    private Azurite(ServerProcess server, int port) {
        this.server = server;
        this.port = port;
    }

    /** Starts the Blob service and waits until it accepts connections. */
    public static Azurite start() throws InterruptedException {
        Path main = nodeFolder().resolve("node_modules/azurite/dist/src/blob/main.js");
        if (!Files.isRegularFile(main)) {
            throw new IllegalStateException("azurite is not installed at " + main + ": run npm ci in " + nodeFolder()
                    + " (the integration-tests build does so when node_modules/azurite is missing)");
        }
        int port = Ports.freeLoopbackPort();
        ServerProcess server = ServerProcess.start("Azurite", "azurite", directory -> List.of("node", main.toString(),
                        "--blobHost", Ports.LOOPBACK, "--blobPort", Integer.toString(port),
                        "--location", directory.resolve("data").toString(),
                        "--skipApiVersionCheck", "--loose", "--silent"),
                "cannot start node for Azurite (is Node.js installed?)");
        try {
            server.awaitAccepting(port, START_TIMEOUT);
        } catch (RuntimeException | InterruptedException e) {
            server.stop(STOP_TIMEOUT);
            throw e;
        }
        return new Azurite(server, port);
    }

    /** integration-tests/src/test/node, from the tributary.home property Failsafe sets, else the working folder. */
    static Path nodeFolder() {
        String home = System.getProperty("tributary.home");
        Path base = home != null ? Path.of(home).resolve("integration-tests") : Path.of("").toAbsolutePath();
        return base.resolve("src/test/node").toAbsolutePath().normalize();
    }

    /** {@code http://127.0.0.1:<port>/devstoreaccount1}: Azurite puts the account in the path. */
    public String blobEndpoint() {
        return "http://" + Ports.LOOPBACK + ":" + port + "/" + ACCOUNT;
    }

    /** A storage connection string for the development account, reaching only the Blob service. */
    public String connectionString() {
        return "DefaultEndpointsProtocol=http;AccountName=" + ACCOUNT + ";AccountKey=" + ACCOUNT_KEY
                + ";BlobEndpoint=" + blobEndpoint() + ";";
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
