package io.tributary.connector.mqtt;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.camel.Exchange;
import org.apache.camel.Suspendable;
import org.apache.camel.component.paho.PahoConfiguration;
import org.apache.camel.component.paho.PahoConsumer;
import org.apache.camel.support.SynchronizationAdapter;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallbackExtended;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Camel's MQTT 3.1.1 consumer (camel-paho 4.17 supports manual acks: a message is acknowledged only when its
 * exchange completed), plus a {@link SessionKeeper} that owns reconnecting. The MQTT 5 twin is
 * {@link Mqtt5Consumer}; the two differ only in the Paho packages they use.
 */
final class Mqtt3Consumer extends PahoConsumer implements Suspendable {

    private static final Logger LOG = LoggerFactory.getLogger(Mqtt3Consumer.class);
    private static final long QUIESCE_MS = 5_000;

    private MqttClient owned;
    // while Camel's shutdown waits for in-flight exchanges, new messages are left unacknowledged for the next session
    private volatile boolean suspended;
    private final AtomicBoolean heldBack = new AtomicBoolean();
    private SessionKeeper keeper;
    private ScheduledExecutorService executor;

    Mqtt3Consumer(Mqtt3Endpoint endpoint, org.apache.camel.Processor processor) {
        super(endpoint, processor);
    }

    @Override
    protected void doStart() throws Exception {
        Mqtt3Endpoint endpoint = (Mqtt3Endpoint) getEndpoint();
        PahoConfiguration config = endpoint.getConfiguration();
        MqttConnectOptions options = endpoint.connectOptions();
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
                client.connect(options);
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
            client.connect(options);
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
            close(client, getEndpoint().getConfiguration().isCleanSession());
        }
    }

    @Override
    public Exchange createExchange(MqttMessage message, String topic) {
        Exchange exchange = super.createExchange(message, topic);
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onComplete(Exchange completed) {
                keeper.exchangeCompleted();
            }

            @Override
            public void onFailure(Exchange failed) {
                if (message.getQos() > 0) {
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
    private final class Callback implements MqttCallbackExtended {

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
        public void connectionLost(Throwable cause) {
            keeper.connectionLost(cause);
        }

        @Override
        public void deliveryComplete(IMqttDeliveryToken token) {
            // a consumer publishes nothing
        }

        @Override
        public void connectComplete(boolean reconnect, String serverURI) {
            // the keeper subscribes after each connect it makes
        }
    }
}
