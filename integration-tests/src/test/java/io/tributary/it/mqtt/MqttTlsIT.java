package io.tributary.it.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.connector.SourceDefinition;
import java.nio.file.Files;
import java.nio.file.Path;
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
    private LocalMosquitto broker;
    private int tlsPort;
    private final CamelContext camel = new DefaultCamelContext();

    @BeforeEach
    void startBroker() throws Exception {
        Path pkiDir = Files.createDirectory(dir.resolve("pki"));
        pki = new TestPki(pkiDir).ca().server("broker").client("hub", "rsa:2048")
                .encrypt("hub.key", "hub.enc.key", "k3y-pass");
        tlsPort = LocalMosquitto.freePort();
        broker = new LocalMosquitto(Files.createDirectory(dir.resolve("broker")), """
                listener %d 127.0.0.1
                cafile %s
                certfile %s
                keyfile %s
                require_certificate true
                """.formatted(tlsPort, pki.file("ca.pem"), pki.file("broker.pem"), pki.file("broker.key"))).start();
        broker.awaitListening(tlsPort, Duration.ofSeconds(10));
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
        assertThat(broker.log()).contains("as tributary-secure");
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
        assertThat(broker.log()).doesNotContain("as tributary-mistrust");
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
        assertThat(broker.log()).doesNotContain("as tributary-anonymous");
    }
}
