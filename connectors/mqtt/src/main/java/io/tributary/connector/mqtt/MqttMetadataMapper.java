package io.tributary.connector.mqtt;

import io.tributary.connector.MessageMetadata;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.paho.PahoConstants;
import org.apache.camel.component.paho.PahoMessage;
import org.apache.camel.component.paho.mqtt5.PahoMqtt5Message;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.paho.mqttv5.common.packet.UserProperty;

/**
 * Maps a message received through camel-paho-mqtt5 or camel-paho onto {@link MessageMetadata}. The flags come from
 * the Paho message itself, which the Camel message carries: Camel copies only topic and QoS into headers.
 *
 * <p>Headers: {@value #TOPIC}, {@value #QOS}, {@value #RETAINED}, {@value #DUPLICATE}, and for MQTT 5
 * {@value #CONTENT_TYPE} and {@value #USER_PREFIX}&lt;name&gt; per user property (repeated names are joined with
 * a comma, in arrival order). MQTT has no durable message id (the packet id is reused) and no event time.
 *
 * <p>The DUP flag: Paho's MQTT 3.1.1 client reports it as received. Paho's MQTT 5 client (1.2.5) drops it;
 * {@link Mqtt5Consumer} sets it again on redeliveries of messages whose exchange failed in this process, so after a
 * hub restart an MQTT 5 redelivery is not flagged.
 */
final class MqttMetadataMapper {

    static final String TOPIC = "mqtt_topic";
    static final String QOS = "mqtt_qos";
    static final String RETAINED = "mqtt_retained";
    static final String DUPLICATE = "mqtt_duplicate";
    static final String CONTENT_TYPE = "mqtt_content_type";
    static final String USER_PREFIX = "mqtt_user_";

    private MqttMetadataMapper() {
    }

    static MessageMetadata metadata(Exchange exchange) {
        Message message = exchange.getIn();
        // both components put the topic under the same header name
        String topic = message.getHeader(PahoConstants.MQTT_TOPIC, String.class);
        Map<String, String> headers = new LinkedHashMap<>();
        if (topic != null) {
            headers.put(TOPIC, topic);
        }
        boolean duplicate;
        if (message instanceof PahoMqtt5Message m5 && m5.getMqttMessage() != null) {
            var mqtt = m5.getMqttMessage();
            duplicate = mqtt.isDuplicate();
            flags(headers, mqtt.getQos(), mqtt.isRetained(), duplicate);
            properties(headers, mqtt.getProperties());
        } else if (message instanceof PahoMessage m3 && m3.getMqttMessage() != null) {
            var mqtt = m3.getMqttMessage();
            duplicate = mqtt.isDuplicate();
            flags(headers, mqtt.getQos(), mqtt.isRetained(), duplicate);
        } else {
            throw new IllegalArgumentException("exchange " + exchange.getExchangeId()
                    + " did not come from an MQTT endpoint: its message is a " + message.getClass().getName()
                    + "; map metadata before the route replaces the incoming message");
        }
        return new MessageMetadata(null, topic, null, headers, duplicate);
    }

    private static void flags(Map<String, String> headers, int qos, boolean retained, boolean duplicate) {
        headers.put(QOS, Integer.toString(qos));
        headers.put(RETAINED, Boolean.toString(retained));
        headers.put(DUPLICATE, Boolean.toString(duplicate));
    }

    private static void properties(Map<String, String> headers, MqttProperties properties) {
        if (properties == null) {
            return;
        }
        if (properties.getContentType() != null) {
            headers.put(CONTENT_TYPE, properties.getContentType());
        }
        for (UserProperty p : properties.getUserProperties()) {
            headers.merge(USER_PREFIX + p.getKey(), p.getValue(), (first, next) -> first + "," + next);
        }
    }
}
