package io.tributary.it.mqtt;

import io.tributary.connector.SourceDefinition;
import io.tributary.testkit.Mosquitto;
import java.util.Map;
import java.util.UUID;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A fresh, file-logged, persistent Mosquitto and an unstarted Camel context for each test. */
abstract class MqttBrokerTestBase {

    protected Mosquitto broker;
    protected final CamelContext camel = new DefaultCamelContext();

    @BeforeEach
    void startBroker() throws Exception {
        broker = BrokerLog.fileLogged(Mosquitto.persistent()).start();
    }

    @AfterEach
    void stopAll() throws Exception {
        camel.close();
        broker.close();
    }

    /** A topic prefix no other test uses, such as {@code fleet-1a2b3c4d}. */
    protected static String uniquePrefix(String label) {
        return label + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** An MQTT source on this test's broker, subscribed to {@code <prefix>/+/telemetry}. */
    protected SourceDefinition telemetrySource(String name, String prefix, String version) {
        return source(name, "[\"%s/+/telemetry\"]".formatted(prefix), version);
    }

    /** An MQTT source on this test's broker, subscribed to {@code topics} (a YAML flow list). */
    protected SourceDefinition source(String name, String topics, String version) {
        return MqttSources.source(name, """
                url: %s
                topics: %s
                version: "%s"
                """.formatted(broker.url(), topics, version), Map.of());
    }
}
