package io.tributary.connector.mqtt;

import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.camel.Exchange;
import org.apache.camel.Suspendable;
import org.apache.camel.component.paho.mqtt5.PahoMqtt5Configuration;
import org.apache.camel.component.paho.mqtt5.PahoMqtt5Consumer;
import org.apache.camel.support.SynchronizationAdapter;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Camel's MQTT 5 consumer, which creates the exchanges and acknowledges a message (messageArrivedComplete) only when
 * its exchange completed, plus a {@link SessionKeeper} that owns reconnecting. This class creates, connects and
 * closes the Paho client itself and hands it to Camel, so that the callback is in place before the broker can
 * deliver the first message of a resumed session.
 *
 * <p>Paho MQTT 5 1.2.5 drops the DUP flag of received messages ({@code MqttPublish.getMessage()} does not copy it),
 * so this consumer restores it for the redeliveries it can recognise: a QoS 1 message it left unacknowledged comes
 * back in the same session with the same packet id. A route restart keeps that knowledge (the endpoint holds it); a
 * hub restart loses it.
 */
final class Mqtt5Consumer extends PahoMqtt5Consumer implements Suspendable {

    private static final Logger LOG = LoggerFactory.getLogger(Mqtt5Consumer.class);
    private static final long QUIESCE_MS = 5_000;
    private static final int MAX_REMEMBERED = 65_535;

    private MqttClient owned;
    // while Camel's shutdown waits for in-flight exchanges, new messages are left unacknowledged for the next session
    private volatile boolean suspended;
    private final AtomicBoolean heldBack = new AtomicBoolean();
    private SessionKeeper keeper;
    private ScheduledExecutorService executor;

    // packet id and topic of messages whose exchange failed; kept by the endpoint, so a route restart keeps it
    private final Set<String> unacknowledged;

    Mqtt5Consumer(Mqtt5Endpoint endpoint, org.apache.camel.Processor processor) {
        super(endpoint, processor);
        this.unacknowledged = endpoint.unacknowledged();
    }

    @Override
    protected void doStart() throws Exception {
        Mqtt5Endpoint endpoint = (Mqtt5Endpoint) getEndpoint();
        PahoMqtt5Configuration config = endpoint.getConfiguration();
        MqttConnectionOptions options = endpoint.connectionOptions();
        MqttClient client = new MqttClient(config.getBrokerUrl(), config.getClientId(), new MemoryPersistence());
        client.setManualAcks(true);
        client.setTimeToWait(Math.max(10, config.getConnectionTimeout()) * 1000L);
        String description = config.getClientId() + " at " + config.getBrokerUrl();
        executor = endpoint.getCamelContext().getExecutorServiceManager()
                .newSingleThreadScheduledExecutor(this, "MqttSession[" + config.getClientId() + "]");
        keeper = new SessionKeeper(new SessionKeeper.Session() {
            @Override
            public boolean isConnected() {
                return client.isConnected();
            }

            @Override
            public void connect() throws MqttException {
                connectAndCheckSession(client, options);
            }

            @Override
            public void subscribe() throws MqttException {
                client.subscribe(endpoint.getTopic(), config.getQos());
            }

            @Override
            public void disconnect() throws MqttException {
                client.disconnect(QUIESCE_MS);
            }

            @Override
            public String describe() {
                return description;
            }
        }, executor);
        Callback callback = new Callback();
        client.setCallback(callback);
        // Camel acknowledges through the client it was given: hand it over before connecting, because a resumed
        // session's queued messages arrive as soon as the broker accepts the connection, and an exchange that
        // completed before the hand-over could not be acknowledged, leaving the broker's in-flight window full
        owned = client;
        setClient(client);
        try {
            connectAndCheckSession(client, options);
            super.doStart(); // Camel installs its own callback and subscribes
            client.setCallback(callback);
        } catch (Exception e) {
            keeper.stop();
            endpoint.getCamelContext().getExecutorServiceManager().shutdownNow(executor);
            owned = null;
            close(client, false);
            throw e;
        }
        if (!client.isConnected()) {
            keeper.connectionLost(null);
        }
    }

    /**
     * Camel suspends a {@link Suspendable} consumer on shutdown, waits for the in-flight exchanges, then stops it: so
     * the exchanges still waiting for Kafka can be acknowledged over the open connection instead of coming back as
     * duplicates after a restart.
     */
    @Override
    protected void doSuspend() {
        suspended = true;
    }

    @Override
    protected void doResume() {
        suspended = false;
        if (heldBack.getAndSet(false)) {
            keeper.redeliverHeldBack();
        }
    }

    @Override
    protected void doStop() throws Exception {
        if (keeper != null) {
            keeper.stop();
        }
        if (executor != null) {
            getEndpoint().getCamelContext().getExecutorServiceManager().shutdownNow(executor);
        }
        MqttClient client = owned;
        owned = null;
        super.doStop();
        if (client != null) {
            close(client, getEndpoint().getConfiguration().isCleanStart());
        }
    }

    private void connectAndCheckSession(MqttClient client, MqttConnectionOptions options) throws MqttException {
        boolean resumed = client.connectWithResult(options).getSessionPresent();
        if (!resumed) {
            // a new session reuses packet ids; nothing from the old one can come back
            unacknowledged.clear();
        }
    }

    @Override
    public Exchange createExchange(MqttMessage message, String topic) {
        String key = message.getId() + " " + topic;
        if (message.getQos() > 0 && unacknowledged.remove(key)) {
            message.setDuplicate(true);
        }
        Exchange exchange = super.createExchange(message, topic);
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onComplete(Exchange completed) {
                keeper.exchangeCompleted();
            }

            @Override
            public void onFailure(Exchange failed) {
                if (message.getQos() > 0) {
                    if (unacknowledged.size() >= MAX_REMEMBERED) {
                        unacknowledged.clear();
                    }
                    unacknowledged.add(key);
                    keeper.exchangeFailed();
                }
            }
        });
        return exchange;
    }

    private void close(MqttClient client, boolean unsubscribe) {
        try {
            if (client.isConnected()) {
                if (unsubscribe) {
                    client.unsubscribe(getEndpoint().getTopic());
                }
                client.disconnect(QUIESCE_MS);
            }
        } catch (MqttException e) {
            LOG.debug("Disconnecting {} failed: {}", client.getClientId(), e.toString());
        } finally {
            try {
                client.close(true);
            } catch (MqttException e) {
                LOG.debug("Closing {} failed: {}", client.getClientId(), e.toString());
            }
        }
    }

    /** Processes messages as Camel's callback does; connection losses go to the keeper. */
    private final class Callback implements MqttCallback {

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            if (suspended) {
                heldBack.set(true);
                return;
            }
            Exchange exchange = createExchange(message, topic);
            getAsyncProcessor().process(exchange, defaultConsumerCallback(exchange, true));
        }

        @Override
        public void disconnected(MqttDisconnectResponse response) {
            keeper.connectionLost(response == null ? null : response.getException());
        }

        @Override
        public void mqttErrorOccurred(MqttException exception) {
            LOG.debug("MQTT error on {}: {}", getEndpoint().getConfiguration().getClientId(), exception.toString());
        }

        @Override
        public void deliveryComplete(IMqttToken token) {
            // a consumer publishes nothing
        }

        @Override
        public void connectComplete(boolean reconnect, String serverURI) {
            // the keeper subscribes after each connect it makes
        }

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {
            LOG.debug("MQTT AUTH packet with reason {} ignored", reasonCode);
        }
    }
}
