package io.tributary.it.mqtt;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.paho.mqttv5.common.packet.UserProperty;

/**
 * A device side MQTT 5 client. {@link #publish} returns only once the broker acknowledged the message, retrying
 * through broker restarts, so every message it returned from is the broker's responsibility.
 */
final class Publisher implements AutoCloseable {

    private static final Duration GIVE_UP = Duration.ofSeconds(60);
    private final MqttClient client;
    private final MqttConnectionOptions options = new MqttConnectionOptions();

    Publisher(String url, String clientId) throws MqttException {
        client = new MqttClient(url, clientId, new MemoryPersistence());
        options.setCleanStart(true);
        options.setAutomaticReconnect(false);
        options.setConnectionTimeout(5);
        client.setTimeToWait(10_000);
    }

    void publish(String topic, String payload, int qos, boolean retained) throws InterruptedException {
        publish(topic, payload, qos, retained, null, List.of());
    }

    void publish(String topic, String payload, int qos, boolean retained, String contentType,
                 List<UserProperty> userProperties) throws InterruptedException {
        MqttProperties properties = new MqttProperties();
        properties.setContentType(contentType);
        properties.setUserProperties(userProperties);
        MqttMessage message = new MqttMessage(payload.getBytes(StandardCharsets.UTF_8), qos, retained, properties);
        long deadline = System.nanoTime() + GIVE_UP.toNanos();
        while (true) {
            try {
                if (!client.isConnected()) {
                    client.connect(options);
                }
                client.publish(topic, message);
                return;
            } catch (MqttException e) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not publish '" + payload + "' within " + GIVE_UP, e);
                }
                Thread.sleep(100);
            }
        }
    }

    @Override
    public void close() throws MqttException {
        if (client.isConnected()) {
            client.disconnect();
        }
        client.close(true);
    }
}
