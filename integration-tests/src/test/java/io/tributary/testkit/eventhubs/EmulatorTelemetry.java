package io.tributary.testkit.eventhubs;

import com.azure.messaging.eventhubs.EventData;
import com.azure.messaging.eventhubs.EventDataBatch;
import com.azure.messaging.eventhubs.EventHubClientBuilder;
import com.azure.messaging.eventhubs.EventHubProducerClient;
import com.azure.messaging.eventhubs.models.CreateBatchOptions;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Publishes IoT Hub-shaped events to Microsoft's Event Hubs emulator with the SDK's producer: the device id as the
 * partition key (IoT Hub also keeps a device on one partition), and IoT Hub's system properties as message
 * annotations, which the service passes through.
 */
final class EmulatorTelemetry implements IotHubTelemetry {

    private final String connectionString;
    private final EventHubProducerClient producer;

    EmulatorTelemetry(String connectionString) {
        this.connectionString = connectionString;
        this.producer = new EventHubClientBuilder().connectionString(connectionString).buildProducerClient();
    }

    @Override
    public String connectionString() {
        return connectionString;
    }

    @Override
    public List<String> partitionIds() {
        return producer.getPartitionIds().stream().toList();
    }

    @Override
    public void publish(List<IotHubMessage> messages) {
        Map<String, List<IotHubMessage>> byDevice = new LinkedHashMap<>();
        messages.forEach(m -> byDevice.computeIfAbsent(m.deviceId(), d -> new java.util.ArrayList<>()).add(m));
        byDevice.forEach((device, list) -> {
            EventDataBatch batch = producer.createBatch(new CreateBatchOptions().setPartitionKey(device));
            for (IotHubMessage message : list) {
                EventData event = event(message);
                if (!batch.tryAdd(event)) {
                    producer.send(batch);
                    batch = producer.createBatch(new CreateBatchOptions().setPartitionKey(device));
                    batch.tryAdd(event);
                }
            }
            producer.send(batch);
        });
    }

    private static EventData event(IotHubMessage message) {
        EventData event = new EventData(message.payload());
        event.setMessageId(message.messageId());
        event.setContentType(message.contentType());
        event.getProperties().putAll(message.properties());
        var amqp = event.getRawAmqpMessage();
        amqp.getProperties().setContentEncoding(message.contentEncoding());
        Map<String, Object> annotations = amqp.getMessageAnnotations();
        annotations.put("iothub-connection-device-id", message.deviceId());
        if (message.moduleId() != null) {
            annotations.put("iothub-connection-module-id", message.moduleId());
        }
        annotations.put("iothub-enqueuedtime", OffsetDateTime.now());
        annotations.put("iothub-message-source", "Telemetry");
        return event;
    }

    @Override
    public void close() {
        producer.close();
    }
}
