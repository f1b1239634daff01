package io.tributary.connector.mqtt;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.component.paho.mqtt5.PahoMqtt5Component;
import org.apache.camel.component.paho.mqtt5.PahoMqtt5Configuration;
import org.apache.camel.component.paho.mqtt5.PahoMqtt5Endpoint;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;

/** Camel's MQTT 5 endpoint with the {@link Mqtt5Consumer}, which keeps its session alive without deadlocking. */
final class Mqtt5Endpoint extends PahoMqtt5Endpoint {

    private final Set<String> unacknowledged = ConcurrentHashMap.newKeySet();

    Mqtt5Endpoint(String uri, String topic, PahoMqtt5Component component, PahoMqtt5Configuration configuration) {
        super(uri, topic, component, configuration);
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        Mqtt5Consumer consumer = new Mqtt5Consumer(this, processor);
        configureConsumer(consumer);
        return consumer;
    }

    /** Messages whose exchange failed, as "packet-id topic"; see {@link Mqtt5Consumer}. */
    Set<String> unacknowledged() {
        return unacknowledged;
    }

    MqttConnectionOptions connectionOptions() {
        return createMqttConnectionOptions();
    }
}
