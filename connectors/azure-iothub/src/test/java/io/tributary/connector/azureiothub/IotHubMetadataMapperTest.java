package io.tributary.connector.azureiothub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.connector.MessageMetadata;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.component.azure.eventhubs.EventHubsConstants;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

class IotHubMetadataMapperTest {

    private static final Instant HUB_TIME = Instant.parse("2026-11-21T08:00:01.250Z");
    private static final Instant ENDPOINT_TIME = Instant.parse("2026-11-21T08:00:02Z");

    private static Exchange exchange(Map<String, Object> system, String messageId) {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        var in = exchange.getIn();
        in.setBody(new byte[] {1});
        in.setHeader(EventHubsConstants.PARTITION_ID, "3");
        in.setHeader(EventHubsConstants.SEQUENCE_NUMBER, 42L);
        in.setHeader(EventHubsConstants.OFFSET, "8800");
        in.setHeader(EventHubsConstants.ENQUEUED_TIME, ENDPOINT_TIME);
        in.setHeader(EventHubsConstants.PARTITION_KEY, "truck-7");
        in.setHeader(IotHubHeaders.IOT_HUB_NAME, "acme-fleet-hub");
        in.setHeader(IotHubHeaders.SYSTEM_PROPERTIES, system);
        Map<String, Object> application = new LinkedHashMap<>();
        application.put("site", "north");
        application.put("alarm", true);
        in.setHeader(IotHubHeaders.APPLICATION_PROPERTIES, application);
        in.setHeader(IotHubHeaders.MESSAGE_ID, messageId);
        in.setHeader(IotHubHeaders.CONTENT_TYPE, "application/json");
        in.setHeader(IotHubHeaders.CONTENT_ENCODING, "utf-8");
        return exchange;
    }

    @Test
    void mapsIotHubSystemPropertiesOntoTheEnvelope() {
        MessageMetadata metadata = IotHubMetadataMapper.metadata(exchange(Map.of(
                "iothub-connection-device-id", "truck-7",
                "iothub-connection-module-id", "edge-filter",
                "iothub-enqueuedtime", Date.from(HUB_TIME),
                "iothub-message-source", "Telemetry"), "m-1"));

        assertThat(metadata.messageId()).isEqualTo("m-1");
        assertThat(metadata.eventTime()).as("IoT Hub's enqueued time").isEqualTo(HUB_TIME);
        assertThat(metadata.topic()).isEqualTo("devices/truck-7/messages/events");
        assertThat(metadata.redelivered()).isFalse();
        assertThat(metadata.headers()).containsExactly(
                Map.entry("iothub_device_id", "truck-7"),
                Map.entry("iothub_module_id", "edge-filter"),
                Map.entry("iothub_enqueued_time", "2026-11-21T08:00:01.250Z"),
                Map.entry("iothub_message_source", "Telemetry"),
                Map.entry("iothub_content_type", "application/json"),
                Map.entry("iothub_content_encoding", "utf-8"),
                Map.entry("iothub_message_id", "m-1"),
                Map.entry("iothub_hub_name", "acme-fleet-hub"),
                Map.entry("iothub_partition_id", "3"),
                Map.entry("iothub_offset", "8800"),
                Map.entry("iothub_sequence_number", "42"),
                Map.entry("iothub_partition_key", "truck-7"),
                Map.entry("iothub_endpoint_enqueued_time", "2026-11-21T08:00:02Z"),
                Map.entry("iothub_prop_alarm", "true"),
                Map.entry("iothub_prop_site", "north"));
    }

    @Test
    void theDefaultDeviceHeaderHoldsIotHubsConnectionDeviceId() {
        var connector = new AzureIotHubConnector();
        MessageMetadata metadata = connector.metadata(exchange(Map.of("iothub-connection-device-id", "truck-9"), "m-2"));

        String header = connector.defaultDeviceHeader().orElseThrow();
        assertThat(metadata.headers().get(header)).isEqualTo("truck-9");
    }

    @Test
    void fallsBackToPartitionAndSequenceNumberAndTheEndpointsTime() {
        MessageMetadata metadata = IotHubMetadataMapper.metadata(exchange(Map.of(), null));

        assertThat(metadata.messageId()).as("stable when the event is read again").isEqualTo("3-42");
        assertThat(metadata.eventTime()).isEqualTo(ENDPOINT_TIME);
        assertThat(metadata.topic()).isNull();
        assertThat(metadata.headers()).doesNotContainKeys("iothub_device_id", "iothub_message_id");
    }

    @Test
    void refusesAnExchangeFromElsewhere() {
        assertThatThrownBy(() -> IotHubMetadataMapper.metadata(new DefaultExchange(new DefaultCamelContext())))
                .hasMessageContaining("did not come from an IoT Hub endpoint");
    }
}
