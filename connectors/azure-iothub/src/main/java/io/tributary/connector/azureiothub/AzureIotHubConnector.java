package io.tributary.connector.azureiothub;

import io.tributary.connector.MessageMetadata;
import io.tributary.connector.SourceConnector;
import io.tributary.connector.SourceDefinition;
import io.tributary.spec.Section;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;

/**
 * {@code type: azure-iothub}: device-to-cloud telemetry from an Azure IoT Hub's Event Hubs-compatible built-in
 * endpoint, checkpointed to an Azure Blob container only after Kafka acknowledged it.
 */
public final class AzureIotHubConnector implements SourceConnector {

    @Override
    public String type() {
        return "azure-iothub";
    }

    @Override
    public String description() {
        return "An Azure IoT Hub's Event Hubs-compatible built-in endpoint: partitions shared by a consumer group, "
                + "checkpoints in a Blob container written only up to what Kafka stored.";
    }

    @Override
    public Section options() {
        return AzureIotHubOptions.SECTION;
    }

    @Override
    public List<Endpoint> endpoints(SourceDefinition source, CamelContext camel) {
        IotHubSettings settings = IotHubSettings.from(source.protocol());
        String uri = uri(settings, source.name());
        IotHubEndpoint endpoint = new IotHubEndpoint(uri, camel, settings);
        try {
            camel.addEndpoint(uri, endpoint);
        } catch (Exception e) {
            throw new IllegalStateException("cannot register the IoT Hub endpoint " + uri + ": " + e.getMessage(), e);
        }
        return List.of(endpoint);
    }

    @Override
    public MessageMetadata metadata(Exchange exchange) {
        return IotHubMetadataMapper.metadata(exchange);
    }

    /**
     * {@code azure-iothub://<iot hub>/<event hub>/ConsumerGroups/<group>} plus the endpoint's namespace; never a key.
     */
    @Override
    public String describeOrigin(SourceDefinition source) {
        IotHubSettings settings = IotHubSettings.from(source.protocol());
        return "azure-iothub://" + settings.iotHubName() + "/" + settings.eventHubName() + "/ConsumerGroups/"
                + settings.consumerGroup() + " (endpoint sb://" + settings.endpoint().address() + ")";
    }

    /** The IoT Hub itself is the origin of its telemetry: {@code /azure-iothub/<IoT Hub name>}. */
    @Override
    public Optional<String> cloudEventSource(SourceDefinition source) {
        return Optional.of("/azure-iothub/" + IotHubSettings.from(source.protocol()).iotHubName());
    }

    /**
     * IoT Hub stamps every device-to-cloud message with the id of the device that authenticated and sent it
     * ({@code iothub-connection-device-id}), so that is the device id unless a source file says otherwise.
     */
    @Override
    public Optional<String> defaultDeviceHeader() {
        return Optional.of(IotHubMetadataMapper.DEVICE_ID);
    }

    /** IoT Hub, event hub, consumer group and source name; no connection string. */
    static String uri(IotHubSettings settings, String sourceName) {
        return "tributary-azure-iothub://" + encode(settings.iotHubName()) + "/" + encode(settings.eventHubName())
                + "?consumerGroup=" + encode(settings.consumerGroup()) + "&tributarySource=" + encode(sourceName);
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
