package io.tributary.benchmarks;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/**
 * The baseline for the hub's MQTT route: a Paho v5 subscriber with manual acknowledgements that
 * sends each message to a KafkaProducer with the hub's producer settings and acknowledges it to
 * the broker when Kafka acknowledged the write, the hub's at-least-once rule. Key = the device
 * from {@code <root>/<device>/telemetry}, the same CloudEvents headers; no Camel, no retries, no
 * dead letters, no metrics.
 */
final class BareMqttBridge implements AutoCloseable {

    private final MqttClient client;
    private final KafkaProducer<String, byte[]> producer;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    private BareMqttBridge(MqttClient client, KafkaProducer<String, byte[]> producer) {
        this.client = client;
        this.producer = producer;
    }

    static BareMqttBridge start(String mqttUrl, String filter, String clientId, String bootstrapServers,
                                String topic, String sourceName) throws MqttException {
        KafkaProducer<String, byte[]> producer = new KafkaProducer<>(HubProducerSettings.of(bootstrapServers, Map.of()));
        MqttClient client = new MqttClient(mqttUrl, clientId, new MemoryPersistence());
        BareMqttBridge bridge = new BareMqttBridge(client, producer);
        client.setManualAcks(true);
        client.setCallback(bridge.new Forwarder(topic, sourceName));
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(true);
        client.connect(options);
        client.subscribe(filter, 1);
        return bridge;
    }

    /** The first send or acknowledgement failure, if any. */
    Throwable failure() {
        return failure.get();
    }

    @Override
    public void close() throws MqttException {
        try {
            client.disconnect();
            client.close();
        } finally {
            producer.close();
        }
    }

    private final class Forwarder implements MqttCallback {

        private final String topic;
        private final String sourceName;

        Forwarder(String topic, String sourceName) {
            this.topic = topic;
            this.sourceName = sourceName;
        }

        @Override
        public void messageArrived(String mqttTopic, MqttMessage message) {
            int first = mqttTopic.indexOf('/');
            String device = mqttTopic.substring(first + 1, mqttTopic.indexOf('/', first + 1));
            RecordHeaders headers = new RecordHeaders();
            header(headers, "ce_specversion", "1.0");
            header(headers, "ce_id", Integer.toString(message.getId()));
            header(headers, "ce_source", "/tributary/sources/" + sourceName);
            header(headers, "ce_type", "io.tributary.mqtt.message");
            header(headers, "ce_time", Instant.now().toString());
            header(headers, "ce_subject", device);
            header(headers, "tributary_source", sourceName);
            header(headers, "tributary_mqtt_topic", mqttTopic);
            header(headers, "tributary_mqtt_qos", Integer.toString(message.getQos()));
            int id = message.getId();
            int qos = message.getQos();
            producer.send(new ProducerRecord<>(topic, null, device, message.getPayload(), headers), (metadata, e) -> {
                if (e != null) {
                    failure.compareAndSet(null, e);
                    return;
                }
                try {
                    client.messageArrivedComplete(id, qos);
                } catch (MqttException ackFailed) {
                    failure.compareAndSet(null, ackFailed);
                }
            });
        }

        private void header(RecordHeaders headers, String key, String value) {
            headers.add(key, value.getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public void disconnected(MqttDisconnectResponse response) {
            failure.compareAndSet(null, new IllegalStateException("disconnected from MQTT: " + response));
        }

        @Override
        public void mqttErrorOccurred(MqttException e) {
            failure.compareAndSet(null, e);
        }

        @Override
        public void deliveryComplete(IMqttToken token) {
        }

        @Override
        public void connectComplete(boolean reconnect, String serverURI) {
        }

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {
        }
    }
}
