package io.tributary.it.pulsar;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.connector.SourceConnectors;
import io.tributary.connector.mqtt.TestPki;
import io.tributary.embedded.EmbeddedKafka;
import io.tributary.routes.config.ConfigLoader;
import io.tributary.routes.config.LoadedConfig;
import io.tributary.routes.config.Variables;
import io.tributary.routes.runtime.Hub;
import io.tributary.testkit.HubConfig;
import io.tributary.testkit.KafkaTopicReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.pulsar.client.api.Producer;
import org.apache.pulsar.client.api.PulsarClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The source over TLS: the broker serves pulsar+ssl:// with a certificate from a throw-away CA and requires a client
 * certificate; the hub trusts the CA through tls.trustCertsFile, verifies the host name (the certificate names
 * 127.0.0.1) and authenticates with tls.certFile and tls.keyFile.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PulsarTlsIT {

    @TempDir
    Path work;

    private Path pkiDir;
    private TestPki pki;
    private PulsarStandaloneServer pulsar;
    private EmbeddedKafka kafka;

    @BeforeAll
    void servers() throws Exception {
        // @TempDir fields are not set yet in @BeforeAll of a per-class instance
        pkiDir = Files.createTempDirectory("tributary-pulsar-pki-");
        pki = new TestPki(pkiDir).ca().server("broker").client("hub", "rsa:2048");
        pulsar = PulsarStandaloneServer.startWithTls(pki.file("broker.pem"), pki.file("broker.key"),
                pki.file("ca.pem"));
        kafka = EmbeddedKafka.start();
    }

    @AfterAll
    void stop() {
        try {
            if (kafka != null) {
                kafka.close();
            }
        } finally {
            if (pulsar != null) {
                pulsar.close();
            }
            deletePki();
        }
    }

    private void deletePki() {
        if (pkiDir == null) {
            return;
        }
        try (var files = Files.list(pkiDir)) {
            for (Path file : files.toList()) {
                Files.deleteIfExists(file);
            }
            Files.deleteIfExists(pkiDir);
        } catch (java.io.IOException e) {
            // a leftover folder of test keys in the temporary folder is not worth failing the test for
        }
    }

    @Test
    void readsOverMutualTlsWithHostNameVerification() throws Exception {
        String name = "pl-tls";
        String topic = "persistent://public/default/" + name;
        Path dir = HubConfig.write(work, name, kafka.bootstrapServers(), work.resolve("lake"), """
                name: %s
                type: pulsar
                pulsar:
                  serviceUrl: %s
                  topics: [%s]
                  subscription: hub
                  tls:
                    trustCertsFile: %s
                    certFile: %s
                    keyFile: %s
                    hostnameVerification: true
                device:
                  fromHeader: pulsar_key
                kafka:
                  topic: telemetry.%s
                """.formatted(name, pulsar.tlsServiceUrl(), topic, pki.file("ca.pem"), pki.file("hub.pem"),
                pki.file("hub.key"), name));
        LoadedConfig config = new ConfigLoader(SourceConnectors.discover(), Variables.of(Map.of())).load(dir);
        assertThat(config.problems().toString()).isEmpty();
        try (Hub hub = Hub.start(config, System.out, 60_000);
             PulsarClient client = pulsar.client();
             Producer<byte[]> producer = client.newProducer().topic(topic).create()) {
            for (int i = 0; i < 100; i++) {
                producer.newMessage().key("dev-" + (i % 5)).value(("{\"seq\":" + i + "}").getBytes()).send();
            }
            List<KafkaTopicReader.Record> records = new KafkaTopicReader(kafka.bootstrapServers())
                    .read("telemetry." + name, 100, Duration.ofSeconds(45));
            assertThat(records).hasSize(100);
            assertThat(records).extracting(KafkaTopicReader.Record::key).containsOnly("dev-0", "dev-1", "dev-2",
                    "dev-3", "dev-4");
        }
    }
}
