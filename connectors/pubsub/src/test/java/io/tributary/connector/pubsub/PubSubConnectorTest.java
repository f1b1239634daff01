package io.tributary.connector.pubsub;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.connector.SourceConnectors;
import io.tributary.connector.SourceDefinition;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.camel.Endpoint;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PubSubConnectorTest {

    @TempDir
    Path dir;

    @Test
    void isFoundThroughTheServiceLoader() {
        assertThat(SourceConnectors.discover().find("pubsub")).get().isInstanceOf(PubSubConnector.class);
    }

    @Test
    void describesItsOriginWithoutCredentials() throws Exception {
        Path key = Files.writeString(dir.resolve("key.json"), "{\"private_key\":\"never-print-me\"}");
        SourceDefinition source = TestSources.source("fleet", """
                project: acme-telemetry
                subscription: fleet-hub
                credentialsFile: %s
                """.formatted(key), Map.of());

        assertThat(new PubSubConnector().describeOrigin(source))
                .isEqualTo("pubsub://acme-telemetry/subscriptions/fleet-hub");
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            List<Endpoint> endpoints = new PubSubConnector().endpoints(source, camel);
            assertThat(endpoints).singleElement().satisfies(e -> {
                assertThat(e).isInstanceOf(PubSubEndpoint.class);
                assertThat(e.getEndpointUri()).isEqualTo("google-pubsub:acme-telemetry:fleet-hub?loggerId=tributary.fleet")
                        .doesNotContain("key.json").doesNotContain("never-print-me");
                assertThat(((PubSubEndpoint) e).isAuthenticate()).isTrue();
            });
            assertThat(camel.hasEndpoint(endpoints.get(0).getEndpointUri())).isSameAs(endpoints.get(0));
        }
    }

    @Test
    void anEmulatorEndpointDoesNotAuthenticate() throws Exception {
        SourceDefinition source = TestSources.source("local", """
                project: local-project
                subscription: local-sub
                emulatorHost: 127.0.0.1:8085
                """, Map.of());
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            PubSubEndpoint endpoint = (PubSubEndpoint) new PubSubConnector().endpoints(source, camel).get(0);
            assertThat(endpoint.isAuthenticate()).isFalse();
            assertThat(endpoint.getProjectId()).isEqualTo("local-project");
            assertThat(endpoint.getDestinationName()).isEqualTo("local-sub");
        }
    }
}
