package io.tributary.it.pulsar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.connector.SourceConnectors;
import io.tributary.embedded.EmbeddedKafka;
import io.tributary.routes.config.ConfigLoader;
import io.tributary.routes.config.LoadedConfig;
import io.tributary.routes.config.Variables;
import io.tributary.routes.runtime.Hub;
import io.tributary.testkit.HubConfig;
import io.tributary.testkit.KafkaTopicReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.pulsar.client.api.Producer;
import org.apache.pulsar.client.api.PulsarClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The source with token authentication: the broker accepts only HS256 tokens signed with a key made for this class;
 * the hub presents a token of its own role, given as {@code token: ${PULSAR_TOKEN}}.
 */
class PulsarTokenAuthIT {

    private static final byte[] SECRET = new byte[32];
    private static PulsarStandaloneServer pulsar;
    private static EmbeddedKafka kafka;

    @TempDir
    Path work;

    @BeforeAll
    static void servers() throws Exception {
        new SecureRandom().nextBytes(SECRET);
        pulsar = PulsarStandaloneServer.startWithToken(SECRET, token("admin"));
        kafka = EmbeddedKafka.start();
    }

    @AfterAll
    static void stop() {
        try {
            if (kafka != null) {
                kafka.close();
            }
        } finally {
            if (pulsar != null) {
                pulsar.close();
            }
        }
    }

    @Test
    void readsWithATokenFromTheEnvironment() throws Exception {
        String name = "pl-token";
        String topic = "persistent://public/default/" + name;
        String hubToken = token("tributary-hub");
        Path dir = HubConfig.write(work, name, kafka.bootstrapServers(), work.resolve("lake"), """
                name: %s
                type: pulsar
                pulsar:
                  serviceUrl: %s
                  topics: [%s]
                  subscription: hub
                  token: ${PULSAR_TOKEN}
                device:
                  fromHeader: pulsar_key
                kafka:
                  topic: telemetry.%s
                """.formatted(name, pulsar.serviceUrl(), topic, name));
        LoadedConfig config = new ConfigLoader(SourceConnectors.discover(),
                Variables.of(Map.of("PULSAR_TOKEN", hubToken))).load(dir);
        assertThat(config.problems().toString()).isEmpty();
        try (Hub hub = Hub.start(config, System.out, 60_000);
             PulsarClient client = pulsar.client();
             Producer<byte[]> producer = client.newProducer().topic(topic).create()) {
            for (int i = 0; i < 50; i++) {
                producer.newMessage().key("dev-" + (i % 5)).value(("{\"seq\":" + i + "}").getBytes()).send();
            }
            List<KafkaTopicReader.Record> records = new KafkaTopicReader(kafka.bootstrapServers())
                    .read("telemetry." + name, 50, Duration.ofSeconds(45));
            assertThat(records).hasSize(50);
        }
        // and the broker does refuse a client without a token, so the hub's token is what let it in
        try (PulsarClient anonymous = PulsarClient.builder().serviceUrl(pulsar.serviceUrl())
                .operationTimeout(10, java.util.concurrent.TimeUnit.SECONDS).build()) {
            assertThatThrownBy(() -> anonymous.newProducer().topic(topic).create())
                    .isInstanceOf(org.apache.pulsar.client.api.PulsarClientException.class);
        }
    }

    /** An HS256 JSON Web Token for {@code subject}, signed with this class's key, as Pulsar's token provider reads. */
    static String token(String subject) throws Exception {
        Base64.Encoder url = Base64.getUrlEncoder().withoutPadding();
        String signed = url.encodeToString("{\"alg\":\"HS256\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + url.encodeToString(("{\"sub\":\"" + subject + "\"}").getBytes(StandardCharsets.UTF_8));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET, "HmacSHA256"));
        return signed + "." + url.encodeToString(mac.doFinal(signed.getBytes(StandardCharsets.US_ASCII)));
    }
}
