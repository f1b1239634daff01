package io.tributary.it.kinesis;

import io.tributary.embedded.EmbeddedKafka;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** One KRaft broker and one kinesis-local per test class; each test uses its own stream, topic and table. */
abstract class KinesisServers {

    static EmbeddedKafka kafka;
    static KinesisLocal kinesis;

    @BeforeAll
    static void servers() throws Exception {
        kafka = EmbeddedKafka.start();
        kinesis = KinesisLocal.start();
    }

    @AfterAll
    static void stopServers() {
        if (kinesis != null) {
            kinesis.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }
}
