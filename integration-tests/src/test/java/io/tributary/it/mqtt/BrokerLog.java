package io.tributary.it.mqtt;

import io.tributary.testkit.Mosquitto;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * A second Mosquitto log written to a file: Mosquitto block-buffers stdout when it is not a terminal, so the
 * kit's stdout log shows connections only after the broker exits, while a file log is written line by line.
 */
final class BrokerLog {

    private static final String FILE = "mqtt-it.log";

    private BrokerLog() {
    }

    /** Adds the file log to a broker that has not started yet. */
    static Mosquitto fileLogged(Mosquitto broker) {
        return broker.withExtraConfig("log_dest file " + broker.directory().resolve(FILE));
    }

    static String text(Mosquitto broker) {
        Path log = broker.directory().resolve(FILE);
        try {
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** How many times the client connected, across broker restarts. */
    static int connections(Mosquitto broker, String clientId) {
        return (int) Pattern.compile("New client connected from \\S+ as " + Pattern.quote(clientId) + " ")
                .matcher(text(broker)).results().count();
    }
}
