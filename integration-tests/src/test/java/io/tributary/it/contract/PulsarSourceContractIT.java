package io.tributary.it.contract;

import io.tributary.it.pulsar.PulsarStandaloneServer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.pulsar.client.api.MessageId;
import org.apache.pulsar.client.api.Producer;
import org.apache.pulsar.client.api.PulsarClient;

/**
 * The source contract on a Pulsar 4.2.4 standalone broker in a child JVM. The source reads a Key_Shared
 * subscription; the device is the message key, which is what keeps a device's order.
 */
class PulsarSourceContractIT extends SourceContract {

    private PulsarStandaloneServer pulsar;
    private PulsarClient client;

    @Override
    protected void startBroker() throws Exception {
        pulsar = PulsarStandaloneServer.start();
        client = pulsar.client();
    }

    @Override
    protected void stopBroker() throws Exception {
        try {
            if (client != null) {
                client.close();
            }
        } finally {
            if (pulsar != null) {
                pulsar.close();
            }
        }
    }

    @Override
    protected String protocolYaml(String name) {
        return """
                type: pulsar
                pulsar:
                  serviceUrl: %s
                  topics: [%s]
                  subscription: %s-sub
                  subscriptionType: Key_Shared
                  initialPosition: earliest
                """.formatted(pulsar.serviceUrl(), pulsarTopic(name), name);
    }

    @Override
    protected void publish(String name, List<Message> messages) throws Exception {
        try (Producer<byte[]> producer = client.newProducer().topic(pulsarTopic(name)).enableBatching(false)
                .blockIfQueueFull(true).create()) {
            List<CompletableFuture<MessageId>> sent = new ArrayList<>(messages.size());
            for (Message m : messages) {
                sent.add(producer.newMessage().key(m.device()).value(m.payload()).sendAsync());
            }
            CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        }
    }

    private static String pulsarTopic(String name) {
        return "persistent://public/default/" + name;
    }
}
