package io.tributary.it.mqtt;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Leaves a persistent session on the broker with messages delivered but never acknowledged, as a consumer that died
 * mid-stream leaves it: the broker keeps them in flight and sends them again, flagged DUP, to the next connection
 * with the same client id, ahead of the messages it queued meanwhile.
 */
final class UnacknowledgedSession {

    private UnacknowledgedSession() {
    }

    /**
     * Connects as {@code clientId} with a persistent session, subscribes to {@code filter} at QoS 1, takes
     * {@code count} deliveries without acknowledging any, and drops the connection. The broker sends no more than its
     * in-flight window (Mosquitto: 20) unacknowledged, so {@code count} must not exceed it.
     *
     * @param publish publishes the messages once the subscription is in place
     */
    static void hold(String url, String clientId, String version, String filter, int count, Publishing publish)
            throws Exception {
        CountDownLatch delivered = new CountDownLatch(count);
        if (version.equals("5")) {
            var client = new org.eclipse.paho.mqttv5.client.MqttClient(url, clientId,
                    new org.eclipse.paho.mqttv5.client.persist.MemoryPersistence());
            var options = new org.eclipse.paho.mqttv5.client.MqttConnectionOptions();
            options.setCleanStart(false);
            options.setSessionExpiryInterval(3600L);
            client.setManualAcks(true);
            client.setCallback(new CountingCallback(delivered));
            client.connect(options);
            // Paho 1.2.5's subscribe with a per-subscription listener recurses until the stack overflows
            client.subscribe(filter, 1);
            publish.run();
            await(delivered, count);
            client.disconnectForcibly(0, 1_000, false);
            client.close(true);
        } else {
            var client = new org.eclipse.paho.client.mqttv3.MqttClient(url, clientId,
                    new org.eclipse.paho.client.mqttv3.persist.MemoryPersistence());
            var options = new org.eclipse.paho.client.mqttv3.MqttConnectOptions();
            options.setCleanSession(false);
            options.setMqttVersion(org.eclipse.paho.client.mqttv3.MqttConnectOptions.MQTT_VERSION_3_1_1);
            client.setManualAcks(true);
            client.connect(options);
            client.subscribe(filter, 1, (topic, message) -> delivered.countDown());
            publish.run();
            await(delivered, count);
            client.disconnectForcibly(0, 1_000, false);
            client.close(true);
        }
    }

    private static void await(CountDownLatch delivered, int count) throws InterruptedException {
        Duration timeout = Duration.ofSeconds(30);
        if (!delivered.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError((count - delivered.getCount()) + " of " + count + " messages delivered within "
                    + timeout);
        }
    }

    /** Counts MQTT 5 deliveries; acknowledges nothing. */
    private record CountingCallback(CountDownLatch delivered) implements org.eclipse.paho.mqttv5.client.MqttCallback {

        @Override
        public void messageArrived(String topic, org.eclipse.paho.mqttv5.common.MqttMessage message) {
            delivered.countDown();
        }

        @Override
        public void disconnected(org.eclipse.paho.mqttv5.client.MqttDisconnectResponse response) {
        }

        @Override
        public void mqttErrorOccurred(org.eclipse.paho.mqttv5.common.MqttException exception) {
        }

        @Override
        public void deliveryComplete(org.eclipse.paho.mqttv5.client.IMqttToken token) {
        }

        @Override
        public void connectComplete(boolean reconnect, String serverURI) {
        }

        @Override
        public void authPacketArrived(int reasonCode, org.eclipse.paho.mqttv5.common.packet.MqttProperties properties) {
        }
    }

    @FunctionalInterface
    interface Publishing {
        void run() throws Exception;
    }
}
