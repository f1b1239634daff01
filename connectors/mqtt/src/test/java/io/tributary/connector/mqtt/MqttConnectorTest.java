package io.tributary.connector.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.connector.SourceConnectors;
import io.tributary.connector.SourceDefinition;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MqttConnectorTest {

    @Test
    void isFoundThroughServiceLoader() {
        assertThat(SourceConnectors.discover().find("mqtt")).get().isInstanceOf(MqttConnector.class);
    }

    @Test
    void describesTheOriginAsAUriWithoutCredentials() {
        SourceDefinition source = TestSources.source("fleet", """
                url: tcp://127.0.0.1:1883
                topics: ["fleet/+/telemetry", "fleet/#", "$share/hub/a b/[x]"]
                username: ${MQTT_USER}
                password: ${MQTT_PASSWORD}
                """, Map.of("MQTT_USER", "hub", "MQTT_PASSWORD", "pa55"));

        String origin = new MqttConnector().describeOrigin(source);

        assertThat(origin).isEqualTo("tcp://127.0.0.1:1883?topics=fleet/+/telemetry,fleet/%23,$share/hub/a%20b/%5Bx%5D")
                .doesNotContain("pa55").doesNotContain("hub:");
        assertThat(URI.create(origin).getQuery()).isEqualTo("topics=fleet/+/telemetry,fleet/#,$share/hub/a b/[x]");
    }
}
