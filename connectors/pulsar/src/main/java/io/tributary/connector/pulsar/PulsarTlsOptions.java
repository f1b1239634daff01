package io.tributary.connector.pulsar;

import io.tributary.spec.Check;
import io.tributary.spec.ConfigValues;
import io.tributary.spec.Option;
import io.tributary.spec.Section;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/** The {@code pulsar.tls} section: PEM files for pulsar+ssl:// brokers, checked while the config is validated. */
final class PulsarTlsOptions {

    static final Option<String> TRUST_CERTS_FILE = Option.string("trustCertsFile").check(readableFile())
            .description("PEM file with the CA certificates that sign the broker's certificate. When absent, the "
                    + "JVM's default trust store is used.")
            .build();
    static final Option<String> CERT_FILE = Option.string("certFile").check(readableFile())
            .description("PEM file with the client certificate for mutual TLS (Pulsar's TLS authentication).")
            .build();
    static final Option<String> KEY_FILE = Option.string("keyFile").check(readableFile())
            .description("PEM file with the private key of certFile (PKCS#8).")
            .build();
    static final Option<Boolean> HOSTNAME_VERIFICATION = Option.bool("hostnameVerification").defaultValue(true)
            .description("Whether the broker's host name must match its certificate. Turn it off only for test "
                    + "brokers whose certificate names another host.")
            .build();

    static final Section SECTION = Section.builder("TLS for pulsar+ssl:// service URLs. Paths are absolute or "
                    + "relative to the hub's working directory.")
            .add(TRUST_CERTS_FILE, CERT_FILE, KEY_FILE, HOSTNAME_VERIFICATION)
            .rule(PulsarTlsOptions::pairs)
            .build();

    private PulsarTlsOptions() {
    }

    private static void pairs(ConfigValues values) {
        if (values.isSet(CERT_FILE) && !values.isSet(KEY_FILE)) {
            values.report(CERT_FILE, "certFile needs keyFile, the private key of the client certificate");
        }
        if (values.isSet(KEY_FILE) && !values.isSet(CERT_FILE)) {
            values.report(KEY_FILE, "keyFile needs certFile, the client certificate it belongs to");
        }
    }

    private static Check<String> readableFile() {
        return value -> {
            Path path;
            try {
                path = Path.of(value);
            } catch (InvalidPathException e) {
                return "not a valid path: " + e.getMessage();
            }
            if (!Files.isRegularFile(path)) {
                return "file not found: " + path.toAbsolutePath();
            }
            return Files.isReadable(path) ? null : "file is not readable by the hub: " + path.toAbsolutePath();
        };
    }
}
