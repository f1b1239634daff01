package io.tributary.routes.envelope;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.connector.SourceConnectors;
import io.tributary.routes.config.ConfigLoader;
import io.tributary.routes.config.ConfigLoaderTest;
import io.tributary.routes.config.LoadedConfig;
import io.tributary.routes.config.SourceConfig;
import io.tributary.routes.config.Variables;
import io.tributary.routes.runtime.HubMetrics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.component.azure.eventhubs.EventHubsConstants;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An IoT Hub source without {@code device:} is keyed by the device IoT Hub names (iothub-connection-device-id),
 * through the same loader, resolver and envelope the route uses; a {@code device:} section still overrides it.
 */
class DefaultDeviceIdTest {

    /** The exchange header under which the IoT Hub consumer hands over the event's system properties. */
    private static final String IOTHUB_SYSTEM_PROPERTIES = "TributaryIotHubSystemProperties";

    @TempDir
    Path dir;

    @Test
    void keysAnIotHubRecordWithoutDeviceSectionByItsConnectionDeviceId() throws Exception {
        SourceConfig source = load(ConfigLoaderTest.IOTHUB);

        Exchange exchange = envelope(source, iotHubEvent("truck-7", "{\"deviceId\":\"sensor-3\",\"temp\":21.5}"));

        assertThat(exchange.getMessage().getHeader(KafkaConstants.KEY)).isEqualTo("truck-7");
        assertThat(exchange.getMessage().getHeader(EnvelopeHeaders.SUBJECT)).isEqualTo("truck-7");
        assertThat(DeviceIdResolver.forSource(source).describe())
                .isEqualTo("from header iothub_device_id (the device id of type azure-iothub, as the source has no "
                        + "device: section)");
    }

    @Test
    void anExplicitDeviceSectionOverridesTheDefault() throws Exception {
        SourceConfig source = load(ConfigLoaderTest.IOTHUB + "device:\n  fromPayload: /deviceId\n");

        Exchange exchange = envelope(source, iotHubEvent("gateway-1", "{\"deviceId\":\"sensor-3\",\"temp\":21.5}"));

        assertThat(exchange.getMessage().getHeader(KafkaConstants.KEY)).isEqualTo("sensor-3");
        assertThat(DeviceIdResolver.forSource(source).describe()).isEqualTo("from payload /deviceId");
    }

    @Test
    void anEventWithoutAConnectionDeviceIdIsMalformedAndSaysWhy() throws Exception {
        SourceConfig source = load(ConfigLoaderTest.IOTHUB);
        Exchange event = iotHubEvent(null, "{}");

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> envelope(source, event))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessage("message has no metadata header 'iothub_device_id' (the device id of type azure-iothub, "
                        + "as the source has no device: section)");
    }

    private SourceConfig load(String sourceYaml) throws IOException {
        Files.createDirectories(dir.resolve("sources"));
        Files.writeString(dir.resolve("hub.yaml"), ConfigLoaderTest.HUB);
        Files.writeString(dir.resolve("sources/fleet-iothub.yaml"), sourceYaml);
        LoadedConfig config = new ConfigLoader(SourceConnectors.discover(), Variables.of(Map.of())).load(dir);
        assertThat(config.problems().toString()).isEmpty();
        return config.sources().get(0);
    }

    private static Exchange envelope(SourceConfig source, Exchange exchange) throws Exception {
        new EnvelopeProcessor(source.name(), "/test", source.connector(), DeviceIdResolver.forSource(source),
                new HubMetrics().forSource(source.name()), Clock.systemUTC(), 1_000_000).process(exchange);
        return exchange;
    }

    /** An event as the IoT Hub consumer hands it to the route: partition, sequence number, system properties. */
    private static Exchange iotHubEvent(String connectionDeviceId, String json) {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        var in = exchange.getIn();
        in.setBody(json.getBytes(StandardCharsets.UTF_8));
        in.setHeader(EventHubsConstants.PARTITION_ID, "1");
        in.setHeader(EventHubsConstants.SEQUENCE_NUMBER, 7L);
        in.setHeader(IOTHUB_SYSTEM_PROPERTIES, connectionDeviceId == null ? Map.of()
                : Map.of("iothub-connection-device-id", connectionDeviceId));
        return exchange;
    }
}
