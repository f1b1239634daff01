package io.tributary.connector.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.connector.MessageMetadata;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.component.paho.PahoConstants;
import org.apache.camel.component.paho.PahoMessage;
import org.apache.camel.component.paho.mqtt5.PahoMqtt5Constants;
import org.apache.camel.component.paho.mqtt5.PahoMqtt5Message;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.paho.mqttv5.common.packet.UserProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MqttMetadataMapperTest {

    private final CamelContext camel = new DefaultCamelContext();

    @AfterEach
    void stop() throws Exception {
        camel.close();
    }

    @Test
    void mapsMqtt5FlagsContentTypeAndUserProperties() {
        MqttProperties properties = new MqttProperties();
        properties.setContentType("application/json");
        properties.setUserProperties(List.of(new UserProperty("site", "north"), new UserProperty("tag", "a"),
                new UserProperty("tag", "b")));
        MqttMessage mqtt = new MqttMessage("{}".getBytes(StandardCharsets.UTF_8), 1, true, properties);
        mqtt.setDuplicate(true);
        Exchange exchange = new DefaultExchange(camel);
        PahoMqtt5Message in = new PahoMqtt5Message(camel, mqtt);
        in.setHeader(PahoMqtt5Constants.MQTT_TOPIC, "fleet/truck-7/telemetry");
        exchange.setIn(in);

        MessageMetadata metadata = new MqttConnector().metadata(exchange);

        assertThat(metadata.messageId()).isNull();
        assertThat(metadata.eventTime()).isNull();
        assertThat(metadata.topic()).isEqualTo("fleet/truck-7/telemetry");
        assertThat(metadata.redelivered()).isTrue();
        assertThat(metadata.headers()).containsExactly(
                Map.entry("mqtt_topic", "fleet/truck-7/telemetry"),
                Map.entry("mqtt_qos", "1"),
                Map.entry("mqtt_retained", "true"),
                Map.entry("mqtt_duplicate", "true"),
                Map.entry("mqtt_content_type", "application/json"),
                Map.entry("mqtt_user_site", "north"),
                Map.entry("mqtt_user_tag", "a,b"));
    }

    @Test
    void mapsMqtt311Flags() {
        org.eclipse.paho.client.mqttv3.MqttMessage mqtt = new org.eclipse.paho.client.mqttv3.MqttMessage(new byte[0]);
        mqtt.setQos(0);
        Exchange exchange = new DefaultExchange(camel);
        PahoMessage in = new PahoMessage(camel, mqtt);
        in.setHeader(PahoConstants.MQTT_TOPIC, "legacy/a");
        exchange.setIn(in);

        MessageMetadata metadata = new MqttConnector().metadata(exchange);

        assertThat(metadata.redelivered()).isFalse();
        assertThat(metadata.headers()).containsExactly(
                Map.entry("mqtt_topic", "legacy/a"),
                Map.entry("mqtt_qos", "0"),
                Map.entry("mqtt_retained", "false"),
                Map.entry("mqtt_duplicate", "false"));
    }

    @Test
    void survivesCamelCopyingTheMessage() {
        MqttMessage mqtt = new MqttMessage(new byte[] {1}, 1, false, new MqttProperties());
        Exchange exchange = new DefaultExchange(camel);
        PahoMqtt5Message in = new PahoMqtt5Message(camel, mqtt);
        in.setHeader(PahoMqtt5Constants.MQTT_TOPIC, "t");
        exchange.setIn(in);

        Exchange copy = exchange.copy();

        assertThat(new MqttConnector().metadata(copy).headers()).containsEntry("mqtt_topic", "t")
                .containsEntry("mqtt_qos", "1");
    }

    @Test
    void refusesAMessageThatDidNotComeFromMqtt() {
        Exchange exchange = new DefaultExchange(camel);
        exchange.getIn().setBody("x");

        assertThatThrownBy(() -> new MqttConnector().metadata(exchange))
                .hasMessageContaining("did not come from an MQTT endpoint");
    }
}
