package io.tributary.routes.camel;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.connector.SourceConnectors;
import io.tributary.routes.config.ConfigLoader;
import io.tributary.routes.config.ConfigLoaderTest;
import io.tributary.routes.config.LoadedConfig;
import io.tributary.routes.config.SourceConfig;
import io.tributary.routes.config.Variables;
import io.tributary.routes.runtime.HubMetrics;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.component.kafka.KafkaComponent;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The route's failure path: what the source is told when neither Kafka topic takes a message. */
class SourceRouteBuilderTest {

    @TempDir
    Path dir;

    @Test
    void failsTheExchangeWhenTheDeadLetterWriteFailsToo() throws Exception {
        LoadedConfig config = load();
        SourceConfig source = config.sources().get(0);
        Map<String, Object> clientProperties = new java.util.HashMap<>(config.hub().kafkaClientProperties());
        // a port nothing listens on: every Kafka write, the dead-letter one included, fails
        clientProperties.put("bootstrap.servers", "127.0.0.1:" + closedPort());
        try (CamelContext camel = new DefaultCamelContext()) {
            KafkaEndpoints kafka = KafkaEndpoints.install(camel, clientProperties, "test", 1_000_000);
            camel.getComponent("kafka", KafkaComponent.class).getConfiguration().setMaxBlockMs(300);
            camel.addRoutes(new SourceRouteBuilder(source, List.of(camel.getEndpoint("direct:source")), kafka,
                    new HubMetrics()));
            camel.start();

            Exchange exchange = camel.createProducerTemplate().send("direct:source",
                    e -> e.getMessage().setBody("{\"temp\": 21.5}".getBytes()));

            // a failed exchange is what keeps the source from acknowledging the message to its broker
            assertThat(exchange.isFailed()).isTrue();
            assertThat(exchange.getException()).isNotNull();
        }
    }

    private LoadedConfig load() throws IOException {
        Files.createDirectories(dir.resolve("sources"));
        Files.writeString(dir.resolve("hub.yaml"), ConfigLoaderTest.HUB);
        Files.writeString(dir.resolve("sources/fleet.yaml"), ConfigLoaderTest.GOOD);
        LoadedConfig config = new ConfigLoader(SourceConnectors.discover(), Variables.of(Map.of())).load(dir);
        assertThat(config.problems().sorted()).isEmpty();
        return config;
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
