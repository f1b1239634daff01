package io.tributary.it.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.connector.SourceDefinition;
import io.tributary.connector.mqtt.TestPki;
import io.tributary.testkit.Mosquitto;
import io.tributary.testkit.Ports;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** MQTT over mutual TLS against Mosquitto's TLS listener, with a CA, certificates and keys made for the test. */
class MqttTlsIT {

    @TempDir
    Path dir;
    private TestPki pki;
    private Mosquitto broker;
    private int tlsPort;
    private final CamelContext camel = new DefaultCamelContext();

    @BeforeEach
    void startBroker() throws Exception {
        broker = BrokerLog.fileLogged(Mosquitto.ephemeral());
        // Mosquitto reads its certificate and key as the user it drops to: keep them in its own open folder
        Path brokerPki = Files.createDirectory(broker.directory().resolve("pki"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        new TestPki(brokerPki).ca().server("broker");
        Files.setPosixFilePermissions(brokerPki.resolve("broker.key"), PosixFilePermissions.fromString("rw-r--r--"));
        pki = new TestPki(dir);
        Files.copy(brokerPki.resolve("ca.pem"), dir.resolve("ca.pem"));
        Files.copy(brokerPki.resolve("ca.key"), dir.resolve("ca.key"));
        pki.client("hub", "rsa:2048").encrypt("hub.key", "hub.enc.key", "k3y-pass");
        tlsPort = Ports.freeLoopbackPort();
        broker.withExtraConfig("""
                listener %d 127.0.0.1
                cafile %s
                certfile %s
                keyfile %s
                require_certificate true
                """.formatted(tlsPort, brokerPki.resolve("ca.pem"), brokerPki.resolve("broker.pem"),
                brokerPki.resolve("broker.key"))).start();
        Ports.awaitAccepting(tlsPort, Duration.ofSeconds(10), broker::isRunning, broker::log);
    }

    @AfterEach
    void stopAll() throws Exception {
        camel.close();
        broker.close();
    }

    @Test
    void receivesOverMutualTlsWithAnEncryptedPkcs8Key() throws Exception {
        String prefix = "tls-" + UUID.randomUUID().toString().substring(0, 8);
        SourceDefinition source = MqttSources.source("secure", """
                url: ssl://127.0.0.1:%d
                topics: ["%s/+/telemetry"]
                tls:
                  caFile: %s
                  certFile: %s
                  keyFile: %s
                  keyPassword: ${HUB_KEY_PASSWORD}
                """.formatted(tlsPort, prefix, pki.file("ca.pem"), pki.file("hub.pem"), pki.file("hub.enc.key")),
                Map.of("HUB_KEY_PASSWORD", "k3y-pass"));
        Collector collector = new Collector();
        MqttSources.route(camel, source, collector);
        camel.start();

        try (Publisher publisher = new Publisher(broker.url(), "device-sim")) {
            for (int i = 0; i < 50; i++) {
                publisher.publish(prefix + "/d" + i + "/telemetry", "tls-" + i, 1, false);
            }
        }

        collector.awaitCompleted(java.util.stream.IntStream.range(0, 50).mapToObj(i -> "tls-" + i).toList(),
                Duration.ofSeconds(20));
        assertThat(collector.deliveriesOf("tls-7")).singleElement()
                .satisfies(r -> assertThat(r.metadata().topic()).isEqualTo(prefix + "/d7/telemetry"));
        assertThat(BrokerLog.connections(broker, "tributary-secure")).isEqualTo(1);
    }

    @Test
    void refusesABrokerWhoseCertificateTheCaDidNotSign() throws Exception {
        Path otherDir = Files.createDirectory(dir.resolve("other-ca"));
        new TestPki(otherDir).ca();
        SourceDefinition source = MqttSources.source("mistrust", """
                url: ssl://127.0.0.1:%d
                topics: ["a/#"]
                connectTimeout: 5s
                tls:
                  caFile: %s
                  certFile: %s
                  keyFile: %s
                """.formatted(tlsPort, otherDir.resolve("ca.pem"), pki.file("hub.pem"), pki.file("hub.key")),
                Map.of());
        MqttSources.route(camel, source, new Collector());

        assertThatThrownBy(camel::start).hasStackTraceContaining("SSLHandshakeException: PKIX path validation failed");
        assertThat(BrokerLog.connections(broker, "tributary-mistrust")).isZero();
    }

    @Test
    void theBrokerRefusesAHubWithoutClientCertificate() throws Exception {
        SourceDefinition source = MqttSources.source("anonymous", """
                url: ssl://127.0.0.1:%d
                topics: ["a/#"]
                connectTimeout: 5s
                tls:
                  caFile: %s
                """.formatted(tlsPort, pki.file("ca.pem")), Map.of());
        MqttSources.route(camel, source, new Collector());

        assertThatThrownBy(camel::start).hasStackTraceContaining("certificate_required");
        assertThat(BrokerLog.connections(broker, "tributary-anonymous")).isZero();
        assertThat(BrokerLog.text(broker)).contains("peer did not return a certificate");
    }
}
