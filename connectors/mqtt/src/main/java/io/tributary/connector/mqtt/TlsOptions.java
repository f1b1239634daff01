package io.tributary.connector.mqtt;

import io.tributary.spec.Check;
import io.tributary.spec.ConfigValues;
import io.tributary.spec.Option;
import io.tributary.spec.Section;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLSocketFactory;

/** The {@code mqtt.tls} section: PEM files for ssl:// and wss:// brokers, checked while the config is validated. */
final class TlsOptions {

    static final Option<String> CA_FILE = Option.string("caFile").check(readableFile())
            .description("PEM file with the CA certificates that sign the broker's certificate. When absent, the "
                    + "JVM's default trust store is used. The broker's host name is always verified against its "
                    + "certificate.")
            .build();
    static final Option<String> CERT_FILE = Option.string("certFile").check(readableFile())
            .description("PEM file with the client certificate for mutual TLS, leaf first, then any intermediates.")
            .build();
    static final Option<String> KEY_FILE = Option.string("keyFile").check(readableFile())
            .description("PEM file with the private key of certFile in PKCS#8 ('BEGIN PRIVATE KEY' or "
                    + "'BEGIN ENCRYPTED PRIVATE KEY'); RSA, EC and Ed25519 keys are read. Convert a PKCS#1 key with "
                    + "openssl pkcs8 -topk8.")
            .build();
    static final Option<String> KEY_PASSWORD = Option.string("keyPassword").secret()
            .description("Password of an encrypted keyFile (PBES2, as openssl pkcs8 -topk8 -v2 aes-256-cbc writes).")
            .build();

    static final Section SECTION = Section.builder("TLS for ssl:// and wss:// brokers. Paths are absolute or "
                    + "relative to the hub's working directory.")
            .add(CA_FILE, CERT_FILE, KEY_FILE, KEY_PASSWORD)
            .rule(TlsOptions::pairs)
            .rule(TlsOptions::loadable)
            .build();

    private TlsOptions() {
    }

    /** The socket factory the values describe; the files were already checked by {@link #SECTION}'s rules. */
    static SSLSocketFactory socketFactory(ConfigValues tls) {
        String password = tls.get(KEY_PASSWORD);
        return TlsSocketFactories.build(path(tls, CA_FILE), path(tls, CERT_FILE), path(tls, KEY_FILE),
                password == null ? null : password.toCharArray());
    }

    private static void pairs(ConfigValues values) {
        if (values.isSet(CERT_FILE) && !values.isSet(KEY_FILE)) {
            values.report(CERT_FILE, "certFile needs keyFile, the private key of the client certificate");
        }
        if (values.isSet(KEY_FILE) && !values.isSet(CERT_FILE)) {
            values.report(KEY_FILE, "keyFile needs certFile, the client certificate it belongs to");
        }
        if (values.isSet(KEY_PASSWORD) && !values.isSet(KEY_FILE)) {
            values.report(KEY_PASSWORD, "keyPassword is only used with keyFile");
        }
    }

    /** Parses the files now, so a wrong file fails validation with a position instead of the first connect. */
    private static void loadable(ConfigValues values) {
        if (values.isSet(CA_FILE)) {
            try {
                PemFiles.certificates(path(values, CA_FILE));
            } catch (IllegalArgumentException e) {
                values.report(CA_FILE, e.getMessage());
            }
        }
        if (!values.isSet(CERT_FILE) || !values.isSet(KEY_FILE)) {
            return;
        }
        List<X509Certificate> chain;
        try {
            chain = PemFiles.certificates(path(values, CERT_FILE));
        } catch (IllegalArgumentException e) {
            values.report(CERT_FILE, e.getMessage());
            return;
        }
        String password = values.get(KEY_PASSWORD);
        try {
            PrivateKey key = PemFiles.privateKey(path(values, KEY_FILE), chain.get(0).getPublicKey().getAlgorithm(),
                    password == null ? null : password.toCharArray());
            TlsSocketFactories.requireMatch(chain.get(0), key, path(values, CERT_FILE), path(values, KEY_FILE));
        } catch (IllegalArgumentException e) {
            values.report(KEY_FILE, e.getMessage());
        }
    }

    private static Path path(ConfigValues values, Option<String> option) {
        String value = values.get(option);
        return value == null ? null : Path.of(value);
    }

    private static Check<String> readableFile() {
        return value -> {
            Path path;
            try {
                path = Path.of(value);
            } catch (java.nio.file.InvalidPathException e) {
                return "not a valid path: " + e.getMessage();
            }
            if (!Files.isRegularFile(path)) {
                return "file not found: " + path.toAbsolutePath();
            }
            return Files.isReadable(path) ? null : "file is not readable by the hub: " + path.toAbsolutePath();
        };
    }
}
