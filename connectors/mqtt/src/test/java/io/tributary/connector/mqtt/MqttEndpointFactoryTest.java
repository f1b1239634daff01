package io.tributary.connector.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.connector.SourceDefinition;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLSocketFactory;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.component.paho.PahoEndpoint;
import org.apache.camel.component.paho.PahoPersistence;
import org.apache.camel.component.paho.mqtt5.PahoMqtt5Endpoint;
import org.apache.camel.component.paho.mqtt5.PahoMqtt5Persistence;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MqttEndpointFactoryTest {

    private static final Map<String, String> ENV = Map.of("MQTT_USER", "hub", "MQTT_PASSWORD", "pa55-w0rd");
    private final CamelContext camel = new DefaultCamelContext();

    @AfterEach
    void stop() throws Exception {
        camel.close();
    }

    @Test
    void createsOneMqtt5EndpointPerFilterWithManualAcks() throws Exception {
        SourceDefinition source = TestSources.source("fleet", """
                url: tcp://127.0.0.1:1883
                topics: ["fleet/+/telemetry", "fleet/#", "$share/hub/a b/+"]
                username: ${MQTT_USER}
                password: ${MQTT_PASSWORD}
                keepAlive: 20s
                """, ENV);

        List<Endpoint> endpoints = new MqttConnector().endpoints(source, camel);

        assertThat(endpoints).hasSize(3).allSatisfy(e -> assertThat(e).isInstanceOf(PahoMqtt5Endpoint.class));
        PahoMqtt5Endpoint first = (PahoMqtt5Endpoint) endpoints.get(0);
        assertThat(endpoints).extracting(e -> ((PahoMqtt5Endpoint) e).getTopic())
                .containsExactly("fleet/+/telemetry", "fleet/#", "$share/hub/a b/+");
        assertThat(endpoints).extracting(e -> ((PahoMqtt5Endpoint) e).getConfiguration().getClientId())
                .containsExactly("tributary-fleet-0", "tributary-fleet-1", "tributary-fleet-2");
        var c = first.getConfiguration();
        assertThat(c.getBrokerUrl()).isEqualTo("tcp://127.0.0.1:1883");
        assertThat(c.getQos()).isEqualTo(1);
        assertThat(c.isManualAcksEnabled()).isTrue();
        assertThat(c.isCleanStart()).isFalse();
        assertThat(c.getSessionExpiryInterval()).isEqualTo(3600);
        assertThat(c.getKeepAliveInterval()).isEqualTo(20);
        assertThat(c.getConnectionTimeout()).isEqualTo(30);
        assertThat(c.isAutomaticReconnect()).as("the consumer's SessionKeeper reconnects, not Paho").isFalse();
        assertThat(c.getPersistence()).isEqualTo(PahoMqtt5Persistence.MEMORY);
        assertThat(c.getUserName()).isEqualTo("hub");
        assertThat(c.getPassword()).isEqualTo("pa55-w0rd");
        assertThat(c.getSocketFactory()).isNull();
        assertThat(camel.hasEndpoint(first.getEndpointUri())).as("lookups by URI find the configured endpoint")
                .isSameAs(first);
        for (Endpoint e : endpoints) {
            assertThat(e.getEndpointUri()).doesNotContain("pa55").doesNotContainIgnoringCase("password");
            assertThat(e.toString()).doesNotContain("pa55");
        }
    }

    @Test
    void aSingleFilterKeepsTheClientIdAsWritten() throws Exception {
        SourceDefinition source = TestSources.source("fleet", """
                url: tcp://127.0.0.1:1883
                topics: ["fleet/+/telemetry"]
                clientId: tributary-fleet-${HOSTNAME}
                cleanStart: true
                qos: 0
                """, Map.of("HOSTNAME", "node7"));

        PahoMqtt5Endpoint endpoint = (PahoMqtt5Endpoint) new MqttConnector().endpoints(source, camel).get(0);

        assertThat(endpoint.getConfiguration().getClientId()).isEqualTo("tributary-fleet-node7");
        assertThat(endpoint.getConfiguration().isCleanStart()).isTrue();
        assertThat(endpoint.getConfiguration().getSessionExpiryInterval())
                .as("a clean session need not outlive the connection").isZero();
        assertThat(endpoint.getConfiguration().getQos()).isZero();
    }

    @Test
    void mqtt311UsesCamelPahoWithManualAcksAndPersistentSession() throws Exception {
        SourceDefinition source = TestSources.source("legacy", """
                url: tcp://127.0.0.1:1883
                topics: ["legacy/#"]
                version: "3.1.1"
                """, Map.of());

        List<Endpoint> endpoints = new MqttConnector().endpoints(source, camel);

        assertThat(endpoints).singleElement().isInstanceOf(PahoEndpoint.class);
        PahoEndpoint endpoint = (PahoEndpoint) endpoints.get(0);
        assertThat(endpoint.getTopic()).isEqualTo("legacy/#");
        var c = endpoint.getConfiguration();
        assertThat(c.getMqttVersion()).isEqualTo(4);
        assertThat(c.isManualAcksEnabled()).isTrue();
        assertThat(c.isCleanSession()).isFalse();
        assertThat(c.getClientId()).isEqualTo("tributary-legacy");
        assertThat(c.getPersistence()).isEqualTo(PahoPersistence.MEMORY);
        assertThat(c.isAutomaticReconnect()).isFalse();
        assertThat(camel.hasEndpoint(endpoint.getEndpointUri())).isSameAs(endpoint);
    }

    @Test
    void twoSourcesOnTheSameFilterGetTheirOwnEndpoints() throws Exception {
        String yaml = """
                url: tcp://127.0.0.1:1883
                topics: ["fleet/#"]
                """;
        Endpoint a = new MqttConnector().endpoints(TestSources.source("a", yaml, Map.of()), camel).get(0);
        Endpoint b = new MqttConnector().endpoints(TestSources.source("b", yaml, Map.of()), camel).get(0);

        assertThat(a).isNotSameAs(b);
        assertThat(((PahoMqtt5Endpoint) a).getConfiguration().getClientId()).isEqualTo("tributary-a");
        assertThat(((PahoMqtt5Endpoint) b).getConfiguration().getClientId()).isEqualTo("tributary-b");
    }

    @Test
    void setsTheTlsSocketFactoryOnTheConfiguration(@TempDir Path dir) throws Exception {
        TestPki pki = new TestPki(dir).ca();
        SourceDefinition source = TestSources.source("secure", """
                url: ssl://127.0.0.1:8883
                topics: [a]
                tls:
                  caFile: %s
                """.formatted(pki.file("ca.pem")), Map.of());

        PahoMqtt5Endpoint endpoint = (PahoMqtt5Endpoint) new MqttConnector().endpoints(source, camel).get(0);

        assertThat(endpoint.getConfiguration().getSocketFactory()).isInstanceOf(SSLSocketFactory.class);
        assertThat(endpoint.getEndpointUri()).doesNotContain("socketFactory");
    }
}
