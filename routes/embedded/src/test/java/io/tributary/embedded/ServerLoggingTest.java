package io.tributary.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class ServerLoggingTest {

    @Test
    void setsServerLoggersWithoutALevelToWarn() {
        Logger hiveMq = (Logger) LoggerFactory.getLogger("com.hivemq");
        hiveMq.setLevel(null);

        ServerLogging.quietHiveMq();

        assertThat(hiveMq.getLevel()).isEqualTo(Level.WARN);
    }

    @Test
    void leavesALevelTheApplicationConfiguredAlone() {
        Logger kafka = (Logger) LoggerFactory.getLogger("kafka");
        kafka.setLevel(Level.DEBUG);
        try {
            ServerLogging.quietKafkaServer();

            assertThat(kafka.getLevel()).isEqualTo(Level.DEBUG);
        } finally {
            kafka.setLevel(null);
        }
    }
}
