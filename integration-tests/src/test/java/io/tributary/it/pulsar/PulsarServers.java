package io.tributary.it.pulsar;

import io.tributary.embedded.EmbeddedKafka;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** One Pulsar standalone broker and one KRaft broker per test class; each test uses its own topics and table. */
abstract class PulsarServers {

    static EmbeddedKafka kafka;
    static PulsarStandaloneServer pulsar;

    @BeforeAll
    static void servers() throws Exception {
        pulsar = PulsarStandaloneServer.start();
        kafka = EmbeddedKafka.start();
    }

    @AfterAll
    static void stopServers() {
        try {
            if (kafka != null) {
                kafka.close();
            }
        } finally {
            if (pulsar != null) {
                pulsar.close();
            }
        }
    }
}
