package io.tributary.it.contract;

import com.google.api.core.ApiFuture;
import com.google.api.core.ApiFutures;
import com.google.cloud.pubsub.v1.Publisher;
import io.tributary.it.pubsub.PubSubEmulator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The source contract on Google's Pub/Sub emulator. The hub creates topic and subscription (createSubscription)
 * with message ordering; the device is the ordering key, which is what keeps a device's order.
 */
class PubSubSourceContractIT extends SourceContract {

    private PubSubEmulator emulator;

    @Override
    protected void startBroker() throws Exception {
        emulator = PubSubEmulator.start();
    }

    @Override
    protected void stopBroker() {
        if (emulator != null) {
            emulator.close();
        }
    }

    @Override
    protected String protocolYaml(String name) {
        return """
                type: pubsub
                pubsub:
                  project: %s
                  subscription: %s
                  createSubscription: true
                  topic: %s
                  emulatorHost: %s
                  ackDeadline: 10s
                  ordering: true
                """.formatted(PubSubEmulator.PROJECT, name, name, emulator.host());
    }

    @Override
    protected void publish(String name, List<Message> messages) throws Exception {
        Publisher publisher = emulator.publisher(name, true);
        try {
            List<ApiFuture<String>> ids = new ArrayList<>(messages.size());
            for (Message m : messages) {
                ids.add(publisher.publish(PubSubEmulator.message(m.payload(), Map.of("deviceId", m.device()),
                        m.device())));
            }
            ApiFutures.allAsList(ids).get(60, TimeUnit.SECONDS);
        } finally {
            PubSubEmulator.shutdown(publisher);
        }
    }
}
