package io.tributary.testkit;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/** A Paho MQTT 5 subscriber for the kit's own tests that keeps every payload it receives. */
final class CollectingSubscriber implements AutoCloseable {

    private final MqttAsyncClient client;
    private final List<String> payloads = new CopyOnWriteArrayList<>();

    /**
     * Connects; with {@code persistentSession} the broker keeps the session (and queues QoS 1
     * messages for it) for five minutes after a disconnect.
     */
    CollectingSubscriber(String url, String clientId, boolean persistentSession) throws MqttException {
        client = new MqttAsyncClient(url, clientId, new MemoryPersistence());
        // a client-wide callback: Paho 1.2.5's subscribe(subscription, listener) throws
        // IndexOutOfBoundsException unless a subscription identifier is set
        client.setCallback(new MqttCallback() {
            @Override
            public void messageArrived(String topic, MqttMessage message) {
                payloads.add(new String(message.getPayload(), StandardCharsets.UTF_8));
            }

            @Override
            public void disconnected(MqttDisconnectResponse response) {
            }

            @Override
            public void mqttErrorOccurred(MqttException exception) {
            }

            @Override
            public void deliveryComplete(IMqttToken token) {
            }

            @Override
            public void connectComplete(boolean reconnect, String serverUri) {
            }

            @Override
            public void authPacketArrived(int reasonCode, MqttProperties properties) {
            }
        });
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(!persistentSession);
        if (persistentSession) {
            options.setSessionExpiryInterval(300L);
        }
        client.connect(options).waitForCompletion(10_000);
    }

    CollectingSubscriber subscribe(String filter, int qos) throws MqttException {
        client.subscribe(filter, qos).waitForCompletion(10_000);
        return this;
    }

    List<String> payloads() {
        return List.copyOf(payloads);
    }

    /** Waits (bounded) until at least {@code count} messages arrived; returns how many did. */
    int await(int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (payloads.size() < count && System.nanoTime() - deadline < 0) {
            Thread.sleep(20);
        }
        return payloads.size();
    }

    /** Disconnects without ending a persistent session. */
    void disconnect() throws MqttException {
        client.disconnect().waitForCompletion(10_000);
    }

    @Override
    public void close() throws MqttException {
        try {
            if (client.isConnected()) {
                client.disconnect().waitForCompletion(10_000);
            }
        } finally {
            client.close(true);
        }
    }
}
