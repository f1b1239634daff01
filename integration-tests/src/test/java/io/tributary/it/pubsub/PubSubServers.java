package io.tributary.it.pubsub;

import io.tributary.embedded.EmbeddedKafka;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** One Pub/Sub emulator and one KRaft broker per test class; each test uses its own subscription, topic and table. */
abstract class PubSubServers {

    static EmbeddedKafka kafka;
    static PubSubEmulator emulator;

    @BeforeAll
    static void servers() throws Exception {
        emulator = PubSubEmulator.start();
        kafka = EmbeddedKafka.start();
    }

    @AfterAll
    static void stopServers() {
        if (kafka != null) {
            kafka.close();
        }
        if (emulator != null) {
            emulator.close();
        }
    }
}
