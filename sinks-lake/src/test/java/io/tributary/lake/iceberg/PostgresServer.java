package io.tributary.lake.iceberg;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A private PostgreSQL cluster (the one preinstalled in this machine image) in a temp folder, as a
 * child process on a free loopback port, stopped by its PID. PostgreSQL refuses to run as root, so
 * when the tests run as root the server runs as the {@code postgres} user through {@code runuser},
 * in a folder that user owns.
 */
final class PostgresServer implements AutoCloseable {

    static final String USER = "tributary";
    private static final long START_TIMEOUT_MS = 60_000;

    private final Path dir;
    private final Process process;
    private final int port;

    private PostgresServer(Path dir, Process process, int port) {
        this.dir = dir;
        this.process = process;
        this.port = port;
    }

    static PostgresServer start() throws IOException, InterruptedException {
        Path bin = binaries();
        boolean root = "root".equals(System.getProperty("user.name"));
        Path dir = Files.createTempDirectory("tributary-pg");
        if (root) {
            UserPrincipal postgres = dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("postgres");
            Files.setOwner(dir, postgres);
        }
        Path data = dir.resolve("data");
        run(asServerUser(root, bin.resolve("initdb").toString(), "-D", data.toString(), "-U", USER,
                "--auth=trust", "-E", "UTF8", "--no-locale"), dir.resolve("initdb.log"));
        int port = freePort();
        Process process = new ProcessBuilder(asServerUser(root, bin.resolve("postgres").toString(), "-D", data.toString(),
                "-k", dir.toString(), "-h", "127.0.0.1", "-p", Integer.toString(port), "-c", "fsync=off",
                "-c", "max_connections=60"))
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("server.log").toFile())
                .start();
        PostgresServer server = new PostgresServer(dir, process, port);
        try {
            server.awaitReady();
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
        return server;
    }

    /** The newest PostgreSQL in /usr/lib/postgresql/<version>/bin. */
    private static Path binaries() throws IOException {
        Path base = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(base)) {
            throw new IOException("PostgreSQL is not installed (no " + base + "); install the Debian package postgresql");
        }
        try (Stream<Path> versions = Files.list(base)) {
            return versions.map(v -> v.resolve("bin"))
                    .filter(b -> Files.isExecutable(b.resolve("postgres")) && Files.isExecutable(b.resolve("initdb")))
                    .max(Comparator.comparing(b -> Integer.parseInt(b.getParent().getFileName().toString().replaceAll("\\D", "0"))))
                    .orElseThrow(() -> new IOException("no postgres and initdb under " + base));
        }
    }

    private static List<String> asServerUser(boolean root, String... command) {
        List<String> full = new ArrayList<>();
        if (root) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(List.of(command));
        return full;
    }

    private static void run(List<String> command, Path log) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!process.waitFor(START_TIMEOUT_MS, TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new IOException(command + " did not finish within " + START_TIMEOUT_MS + " ms");
        }
        if (process.exitValue() != 0) {
            throw new IOException(command + " failed with exit code " + process.exitValue() + ":\n"
                    + Files.readString(log, StandardCharsets.UTF_8));
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private void awaitReady() throws IOException, InterruptedException {
        long deadline = System.currentTimeMillis() + START_TIMEOUT_MS;
        SQLException last = null;
        while (System.currentTimeMillis() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("postgres exited with " + process.exitValue() + ":\n" + log());
            }
            try (Connection ignored = DriverManager.getConnection(jdbcUrl("postgres"), USER, "")) {
                return;
            } catch (SQLException e) {
                last = e;
                Thread.sleep(200);
            }
        }
        throw new IOException("postgres did not accept connections within " + START_TIMEOUT_MS + " ms:\n" + log(), last);
    }

    String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /** Creates a database of its own for one test. */
    String createDatabase(String name) throws SQLException {
        try (Connection connection = DriverManager.getConnection(jdbcUrl("postgres"), USER, "");
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        }
        return jdbcUrl(name);
    }

    private String log() throws IOException {
        Path log = dir.resolve("server.log");
        return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "(no log)";
    }

    /** Fast shutdown (SIGINT to the postmaster, by the PID in its pid file), then removes the folder. */
    @Override
    public void close() throws IOException, InterruptedException {
        Path pidFile = dir.resolve("data").resolve("postmaster.pid");
        if (process.isAlive() && Files.exists(pidFile)) {
            String pid = Files.readAllLines(pidFile).get(0).trim();
            new ProcessBuilder("kill", "-INT", pid).inheritIO().start().waitFor(10, TimeUnit.SECONDS);
        } else if (process.isAlive()) {
            process.destroy();
        }
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }
}
