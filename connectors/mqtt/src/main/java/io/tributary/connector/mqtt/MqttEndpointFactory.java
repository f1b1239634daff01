package io.tributary.connector.mqtt;

import io.tributary.connector.SourceDefinition;
import io.tributary.spec.ConfigValues;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.net.SocketFactory;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.component.paho.PahoComponent;
import org.apache.camel.component.paho.PahoConfiguration;
import org.apache.camel.component.paho.PahoPersistence;
import org.apache.camel.component.paho.mqtt5.PahoMqtt5Component;
import org.apache.camel.component.paho.mqtt5.PahoMqtt5Configuration;
import org.apache.camel.component.paho.mqtt5.PahoMqtt5Persistence;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;

/**
 * Builds one Camel Paho consumer endpoint per topic filter (a Paho consumer subscribes to exactly one filter). The
 * endpoint's URI holds only the filter, the broker url and the client id; everything else, and every secret, is set
 * on its configuration object, so no secret can show up in a URI, a route dump or a log line. The endpoints are
 * Camel's, with a consumer that reconnects safely ({@link Mqtt5Consumer}, {@link Mqtt3Consumer}).
 */
final class MqttEndpointFactory {

    private MqttEndpointFactory() {
    }

    static List<Endpoint> endpoints(SourceDefinition source, CamelContext camel) {
        ConfigValues mqtt = source.protocol();
        List<String> topics = mqtt.get(MqttOptions.TOPICS);
        SocketFactory sockets = mqtt.isSet(MqttOptions.TLS) ? TlsOptions.socketFactory(mqtt.get(MqttOptions.TLS)) : null;
        List<Endpoint> endpoints = new ArrayList<>();
        for (int i = 0; i < topics.size(); i++) {
            String clientId = clientId(source, i, topics.size());
            Endpoint endpoint = MqttOptions.isVersion5(mqtt)
                    ? mqtt5(camel, mqtt, topics.get(i), clientId, sockets)
                    : mqtt3(camel, mqtt, topics.get(i), clientId, sockets);
            endpoints.add(endpoint);
        }
        return endpoints;
    }

    /** The configured id (or tributary-&lt;source&gt;), with -&lt;index&gt; when the source has several filters. */
    static String clientId(SourceDefinition source, int index, int count) {
        String id = source.protocol().get(MqttOptions.CLIENT_ID);
        String base = id != null ? id : "tributary-" + source.name();
        return count > 1 ? base + "-" + index : base;
    }

    private static Endpoint mqtt5(CamelContext camel, ConfigValues mqtt, String topic, String clientId,
                                  SocketFactory sockets) {
        String url = mqtt.get(MqttOptions.URL);
        PahoMqtt5Configuration c = new PahoMqtt5Configuration();
        c.setBrokerUrl(url);
        c.setClientId(clientId);
        c.setQos(mqtt.get(MqttOptions.QOS));
        c.setCleanStart(mqtt.get(MqttOptions.CLEAN_START));
        c.setSessionExpiryInterval(sessionExpirySeconds(mqtt));
        c.setKeepAliveInterval((int) mqtt.get(MqttOptions.KEEP_ALIVE).toSeconds());
        c.setConnectionTimeout((int) mqtt.get(MqttOptions.CONNECT_TIMEOUT).toSeconds());
        // reconnecting is the SessionKeeper's job: Camel's reconnect path can deadlock (see SessionKeeper)
        c.setAutomaticReconnect(false);
        // the consumer then acks through messageArrivedComplete only once the exchange completed successfully
        c.setManualAcksEnabled(true);
        // the broker holds the session; file persistence would only litter the working directory
        c.setPersistence(PahoMqtt5Persistence.MEMORY);
        c.setUserName(mqtt.get(MqttOptions.USERNAME));
        c.setPassword(mqtt.get(MqttOptions.PASSWORD));
        c.setSocketFactory(sockets);
        String uri = uri("paho-mqtt5", topic, url, clientId);
        return register(camel, uri, new Mqtt5Endpoint(uri, topic,
                camel.getComponent("paho-mqtt5", PahoMqtt5Component.class), c));
    }

    /** A clean-start session is thrown away at the next connect; the broker need not queue for it meanwhile. */
    private static long sessionExpirySeconds(ConfigValues mqtt) {
        if (mqtt.get(MqttOptions.CLEAN_START) && !mqtt.isSet(MqttOptions.SESSION_EXPIRY)) {
            return 0;
        }
        return mqtt.get(MqttOptions.SESSION_EXPIRY).toSeconds();
    }

    private static Endpoint mqtt3(CamelContext camel, ConfigValues mqtt, String topic, String clientId,
                                  SocketFactory sockets) {
        String url = mqtt.get(MqttOptions.URL);
        PahoConfiguration c = new PahoConfiguration();
        c.setBrokerUrl(url);
        c.setClientId(clientId);
        c.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        c.setQos(mqtt.get(MqttOptions.QOS));
        c.setCleanSession(mqtt.get(MqttOptions.CLEAN_START));
        c.setKeepAliveInterval((int) mqtt.get(MqttOptions.KEEP_ALIVE).toSeconds());
        c.setConnectionTimeout((int) mqtt.get(MqttOptions.CONNECT_TIMEOUT).toSeconds());
        c.setAutomaticReconnect(false);
        c.setManualAcksEnabled(true);
        c.setPersistence(PahoPersistence.MEMORY);
        c.setUserName(mqtt.get(MqttOptions.USERNAME));
        c.setPassword(mqtt.get(MqttOptions.PASSWORD));
        c.setSocketFactory(sockets);
        String uri = uri("paho", topic, url, clientId);
        return register(camel, uri, new Mqtt3Endpoint(uri, topic, camel.getComponent("paho", PahoComponent.class), c));
    }

    /** Registered, so that a route resolving the endpoint by its URI gets this configured instance. */
    private static Endpoint register(CamelContext camel, String uri, Endpoint endpoint) {
        try {
            camel.addEndpoint(uri, endpoint);
            return endpoint;
        } catch (Exception e) {
            throw new IllegalStateException("cannot register the MQTT endpoint " + uri + ": " + e.getMessage(), e);
        }
    }

    /** Broker url and client id make the URI unique per connection, so two sources never share an endpoint. */
    static String uri(String scheme, String topic, String url, String clientId) {
        return scheme + ":" + encode(topic) + "?brokerUrl=" + encode(url) + "&clientId=" + encode(clientId);
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
