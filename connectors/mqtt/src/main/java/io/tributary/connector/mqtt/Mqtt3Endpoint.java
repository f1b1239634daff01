package io.tributary.connector.mqtt;

import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.component.paho.PahoComponent;
import org.apache.camel.component.paho.PahoConfiguration;
import org.apache.camel.component.paho.PahoEndpoint;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;

/** Camel's MQTT 3.1.1 endpoint with the {@link Mqtt3Consumer}, which keeps its session alive without deadlocking. */
final class Mqtt3Endpoint extends PahoEndpoint {

    Mqtt3Endpoint(String uri, String topic, PahoComponent component, PahoConfiguration configuration) {
        super(uri, topic, component, configuration);
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        Mqtt3Consumer consumer = new Mqtt3Consumer(this, processor);
        configureConsumer(consumer);
        return consumer;
    }

    MqttConnectOptions connectOptions() {
        return createMqttConnectOptions(getConfiguration());
    }
}
