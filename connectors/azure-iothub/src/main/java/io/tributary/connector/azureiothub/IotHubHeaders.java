package io.tributary.connector.azureiothub;

/**
 * Exchange headers {@link IotHubConsumer} sets besides Camel azure-eventhubs' own
 * ({@link org.apache.camel.component.azure.eventhubs.EventHubsConstants}: partition id and key, offset, sequence
 * number, enqueued time), and IoT Hub's names for the system properties of a device-to-cloud message.
 */
final class IotHubHeaders {

    static final String PREFIX = "TributaryIotHub";
    /** Message annotations and AMQP properties as the Event Hubs SDK reports them (a Map). */
    static final String SYSTEM_PROPERTIES = PREFIX + "SystemProperties";
    /** The message's application properties (a Map). */
    static final String APPLICATION_PROPERTIES = PREFIX + "ApplicationProperties";
    static final String MESSAGE_ID = PREFIX + "MessageId";
    static final String CORRELATION_ID = PREFIX + "CorrelationId";
    static final String CONTENT_TYPE = PREFIX + "ContentType";
    static final String CONTENT_ENCODING = PREFIX + "ContentEncoding";
    static final String IOT_HUB_NAME = PREFIX + "Name";

    /** IoT Hub's system properties on a message of its built-in endpoint (message annotations). */
    static final String DEVICE_ID = "iothub-connection-device-id";
    static final String MODULE_ID = "iothub-connection-module-id";
    static final String ENQUEUED_TIME = "iothub-enqueuedtime";
    static final String MESSAGE_SOURCE = "iothub-message-source";

    private IotHubHeaders() {
    }
}
