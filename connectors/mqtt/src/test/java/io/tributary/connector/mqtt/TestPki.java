package io.tributary.connector.mqtt;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A throw-away PKI made with the openssl command line: a CA, a server certificate and client certificates. */
public final class TestPki {

    private final Path dir;

    public TestPki(Path dir) {
        this.dir = dir;
    }

    public Path file(String name) {
        return dir.resolve(name);
    }

    /** ca.pem, ca.key */
    public TestPki ca() {
        openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.pem", "-days", "2",
                "-subj", "/CN=tributary-test-ca");
        return this;
    }

    /** name.pem signed by the CA, name.key as unencrypted PKCS#8; keyAlgorithm is "rsa:2048" or "ec". */
    public TestPki leaf(String name, String keyAlgorithm, String extensions) {
        if (keyAlgorithm.equals("ec")) {
            openssl("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", name + ".key");
            openssl("req", "-new", "-key", name + ".key", "-out", name + ".csr", "-subj", "/CN=" + name);
        } else {
            openssl("req", "-newkey", keyAlgorithm, "-nodes", "-keyout", name + ".key", "-out", name + ".csr",
                    "-subj", "/CN=" + name);
        }
        write(name + ".ext", extensions);
        openssl("x509", "-req", "-in", name + ".csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
                "-out", name + ".pem", "-days", "2", "-extfile", name + ".ext");
        return this;
    }

    public TestPki server(String name) {
        return leaf(name, "rsa:2048", "subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n");
    }

    public TestPki client(String name, String keyAlgorithm) {
        return leaf(name, keyAlgorithm, "extendedKeyUsage=clientAuth\n");
    }

    /** target: the key of source encrypted with PBES2 / AES-256-CBC. */
    public TestPki encrypt(String source, String target, String password) {
        openssl("pkcs8", "-topk8", "-v2", "aes-256-cbc", "-in", source, "-out", target, "-passout", "pass:" + password);
        return this;
    }

    /** target: the RSA key of source in the traditional PKCS#1 form. */
    public TestPki pkcs1(String source, String target) {
        openssl("rsa", "-in", source, "-traditional", "-out", target);
        return this;
    }

    private void write(String name, String text) {
        try {
            Files.writeString(dir.resolve(name), text, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private void openssl(String... args) {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("openssl timed out: " + command);
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException("openssl failed: " + command + "\n" + output);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
