package io.tributary.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Loopback ports for the servers the kit starts. */
public final class Ports {

    public static final String LOOPBACK = "127.0.0.1";

    private static final Duration PROBE_INTERVAL = Duration.ofMillis(25);
    private static final int CONNECT_TIMEOUT_MILLIS = 200;

    private Ports() {
    }

    /**
     * A TCP port on 127.0.0.1 that was free a moment ago. Another process may take it before the
     * caller binds it; servers started on it should fail loudly rather than pick another port.
     */
    public static int freeLoopbackPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free TCP port on " + LOOPBACK, e);
        }
    }

    /** Whether something accepts TCP connections on 127.0.0.1:{@code port} right now. */
    public static boolean isAccepting(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(LOOPBACK, port), CONNECT_TIMEOUT_MILLIS);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Waits until 127.0.0.1:{@code port} accepts connections.
     *
     * @param stillStarting false once waiting is pointless, e.g. the server process has exited
     * @param diagnostics   added to the failure message, e.g. the server's log
     * @throws IllegalStateException when the port does not open in time or the server gave up
     */
    public static void awaitAccepting(int port, Duration timeout, BooleanSupplier stillStarting,
            Supplier<String> diagnostics) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!isAccepting(port)) {
            if (!stillStarting.getAsBoolean()) {
                throw new IllegalStateException("The server for " + LOOPBACK + ":" + port
                        + " stopped before it accepted connections\n" + diagnostics.get());
            }
            if (System.nanoTime() - deadline >= 0) {
                throw new IllegalStateException(LOOPBACK + ":" + port + " did not accept connections within "
                        + timeout.toMillis() + " ms\n" + diagnostics.get());
            }
            Thread.sleep(PROBE_INTERVAL.toMillis());
        }
    }
}
