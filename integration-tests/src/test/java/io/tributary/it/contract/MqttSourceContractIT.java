package io.tributary.it.contract;

import io.tributary.testkit.Mosquitto;
import io.tributary.testkit.MqttPublisher;
import java.time.Duration;
import java.util.List;

/** The source contract on a real Mosquitto: one topic level per device under the source's own topic root. */
class MqttSourceContractIT extends SourceContract {

    private Mosquitto mosquitto;

    @Override
    protected void startBroker() throws Exception {
        mosquitto = Mosquitto.persistent().start();
    }

    @Override
    protected void stopBroker() {
        if (mosquitto != null) {
            mosquitto.close();
        }
    }

    /** QoS 1 with a persistent session under a fixed client id, so a restarted hub resumes it. */
    @Override
    protected String protocolYaml(String name) {
        return """
                type: mqtt
                mqtt:
                  url: %s
                  topics: ["%s/+"]
                  qos: 1
                  clientId: tributary-%s
                """.formatted(mosquitto.url(), name, name);
    }

    /** One connection per call: MQTT keeps the order of one connection's QoS 1 messages. */
    @Override
    protected void publish(String name, List<Message> messages) {
        try (MqttPublisher publisher = MqttPublisher.connect(mosquitto.url())) {
            publisher.publish(messages.size(), 1, i -> name + "/" + messages.get(i).device(),
                    i -> messages.get(i).payload(), Duration.ofSeconds(60));
        }
    }
}
