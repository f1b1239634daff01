package io.tributary.it.azure;

import io.tributary.embedded.EmbeddedKafka;
import io.tributary.testkit.Azurite;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * One KRaft broker and one Azurite (the checkpoint store) per test class. Each test opens its own IoT Hub endpoint
 * (a fresh Event Hubs test server, or the emulator: {@link io.tributary.testkit.eventhubs.IotHubTelemetry}) and
 * uses its own checkpoint container, Kafka topic and lake table.
 */
abstract class AzureIotHubServers {

    static EmbeddedKafka kafka;
    static Azurite azurite;

    @BeforeAll
    static void servers() throws Exception {
        azurite = Azurite.start();
        kafka = EmbeddedKafka.start();
    }

    @AfterAll
    static void stopServers() {
        if (kafka != null) {
            kafka.close();
        }
        if (azurite != null) {
            azurite.close();
        }
    }
}
