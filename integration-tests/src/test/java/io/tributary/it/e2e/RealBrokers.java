package io.tributary.it.e2e;

import io.tributary.embedded.EmbeddedKafka;
import io.tributary.testkit.Mosquitto;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** One KRaft broker and one persistent Mosquitto per test class; each test uses its own topics and table. */
abstract class RealBrokers {

    static EmbeddedKafka kafka;
    static Mosquitto mosquitto;

    @BeforeAll
    static void startBrokers() throws Exception {
        kafka = EmbeddedKafka.start();
        mosquitto = Mosquitto.persistent().start();
    }

    @AfterAll
    static void stopBrokers() {
        if (mosquitto != null) {
            mosquitto.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }
}
