package io.tributary.connector.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.spec.ConfigValues;
import io.tributary.spec.Option;
import io.tributary.spec.Problem;
import io.tributary.spec.Problems;
import io.tributary.spec.Section;
import io.tributary.spec.SpecReader;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsSocketFactoriesTest {

    @TempDir
    static Path dir;
    static TestPki pki;

    @BeforeAll
    static void makePki() {
        pki = new TestPki(dir).ca().server("server").client("hub", "rsa:2048").client("hub-ec", "ec")
                .client("other", "rsa:2048")
                .encrypt("hub.key", "hub.enc.key", "p4ss").pkcs1("hub.key", "hub.rsa.key");
    }

    @Test
    void handshakesWithMutualTlsFromPemFiles() throws Exception {
        SSLSocketFactory factory = TlsSocketFactories.build(pki.file("ca.pem"), pki.file("hub.pem"),
                pki.file("hub.key"), null);

        assertThat(handshake(factory)).isEqualTo("CN=hub");
    }

    @Test
    void readsEcKeysAndEncryptedKeys() throws Exception {
        assertThat(handshake(TlsSocketFactories.build(pki.file("ca.pem"), pki.file("hub-ec.pem"),
                pki.file("hub-ec.key"), null))).isEqualTo("CN=hub-ec");
        assertThat(handshake(TlsSocketFactories.build(pki.file("ca.pem"), pki.file("hub.pem"),
                pki.file("hub.enc.key"), "p4ss".toCharArray()))).isEqualTo("CN=hub");
    }

    @Test
    void explainsWhatIsWrongWithAKey() {
        assertThatThrownBy(() -> TlsSocketFactories.build(pki.file("ca.pem"), pki.file("hub.pem"),
                pki.file("hub.enc.key"), "wrong".toCharArray()))
                .hasMessageContaining("cannot decrypt the key; is keyPassword right?");
        assertThatThrownBy(() -> TlsSocketFactories.build(pki.file("ca.pem"), pki.file("hub.pem"),
                pki.file("hub.enc.key"), null))
                .hasMessageEndingWith("the key is encrypted; set keyPassword");
        assertThatThrownBy(() -> TlsSocketFactories.build(pki.file("ca.pem"), pki.file("hub.pem"),
                pki.file("hub.rsa.key"), null))
                .hasMessageContaining("'RSA PRIVATE KEY' (PKCS#1/SEC1); convert it to PKCS#8 with: openssl pkcs8");
        assertThatThrownBy(() -> TlsSocketFactories.build(pki.file("ca.pem"), pki.file("hub.pem"),
                pki.file("other.key"), null))
                .hasMessageContaining("the key does not belong to the first certificate in");
        assertThatThrownBy(() -> TlsSocketFactories.build(pki.file("hub.key"), null, null, null))
                .hasMessageContaining("no '-----BEGIN CERTIFICATE-----' block found");
    }

    @Test
    void validationParsesTheFilesAndPointsAtTheKey() {
        Option<ConfigValues> tls = Option.section("tls", TlsOptions.SECTION).description("tls").build();
        Section root = Section.builder("root").add(tls).build();
        String yaml = """
                tls:
                  caFile: %s
                  certFile: %s
                  keyFile: %s
                  keyPassword: ${KEY_PASSWORD}
                """.formatted(pki.file("ca.pem"), pki.file("hub.pem"), pki.file("hub.enc.key"));
        Problems problems = new Problems();
        new SpecReader(name -> Optional.ofNullable(Map.of("KEY_PASSWORD", "wrong").get(name)))
                .read("tls.yaml", yaml, root, problems);
        List<String> found = problems.sorted().stream().map(Problem::toString).toList();

        assertThat(found).singleElement().asString()
                .startsWith("tls.yaml:4:3: tls.keyFile: ")
                .endsWith("cannot decrypt the key; is keyPassword right?")
                .doesNotContain("wrong");

        problems = new Problems();
        ConfigValues ok = new SpecReader(name -> Optional.ofNullable(Map.of("KEY_PASSWORD", "p4ss").get(name)))
                .read("tls.yaml", yaml, root, problems);
        assertThat(problems.isEmpty()).as(problems.toString()).isTrue();
        assertThat(TlsOptions.socketFactory(ok.get(tls))).isNotNull();
    }

    /** Runs a TLS server that requires a client certificate; returns the client subject it saw. */
    private static String handshake(SSLSocketFactory clientFactory) throws Exception {
        SSLContext server = serverContext();
        try (SSLServerSocket listener = (SSLServerSocket) server.getServerSocketFactory()
                .createServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            listener.setNeedClientAuth(true);
            CompletableFuture<String> seen = CompletableFuture.supplyAsync(() -> {
                try (SSLSocket s = (SSLSocket) listener.accept(); InputStream in = s.getInputStream()) {
                    String subject = s.getSession().getPeerPrincipal().getName();
                    in.read();
                    return subject;
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            try (SSLSocket client = (SSLSocket) clientFactory.createSocket("127.0.0.1", listener.getLocalPort());
                 OutputStream out = client.getOutputStream()) {
                client.startHandshake();
                out.write(1);
                out.flush();
                return seen.get(10, TimeUnit.SECONDS);
            }
        }
    }

    private static SSLContext serverContext() throws Exception {
        var chain = PemFiles.certificates(pki.file("server.pem"));
        PrivateKey key = PemFiles.privateKey(pki.file("server.key"), "RSA", null);
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        keys.setKeyEntry("server", key, new char[0], chain.toArray(java.security.cert.X509Certificate[]::new));
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, new char[0]);
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", PemFiles.certificates(pki.file("ca.pem")).get(0));
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return context;
    }
}
