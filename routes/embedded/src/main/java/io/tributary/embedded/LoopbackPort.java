package io.tributary.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Finds a TCP port on 127.0.0.1 that is free at the moment of asking. */
final class LoopbackPort {

    static final String HOST = "127.0.0.1";

    private LoopbackPort() {
    }

    /**
     * Asks the kernel for a free ephemeral port. Another process may take it before the caller
     * binds it, so callers that bind later retry on a bind failure.
     */
    static int pickFree() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot find a free port on " + HOST, e);
        }
    }
}
