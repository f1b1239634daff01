package io.tributary.it.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.testkit.MidStreamKill;
import io.tributary.testkit.MqttPublisher;
import io.tributary.testkit.Telemetry;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A hub in a child JVM is killed with SIGKILL while QoS 1 messages stream in, then started again: every message
 * reaches the lake, and no Kafka record is in it twice. MQTT may redeliver what the killed hub had written to Kafka
 * but not yet acknowledged; those duplicates are allowed, counted and reported.
 */
class HubCrashIT extends RealBrokers {

    static final int DEVICES = 50;
    static final int MESSAGES = 5_000;
    /** Published in batches of this size with a pause between, about 1,000 messages a second. */
    static final int BATCH = 50;

    @TempDir
    Path work;

    @Test
    void losesNoQos1MessageWhenTheHubIsKilledMidStream() throws Exception {
        String name = "crash-fleet";
        Path config = HubConfigDir.write(work, name, mosquitto.url(), kafka.bootstrapServers(), work.resolve("lake"));
        MidStreamKill.Outcome outcome = MidStreamKill.run(work, config, work.resolve("lake"), HubConfigDir.table(name),
                MESSAGES, Duration.ofSeconds(120), () -> publishSteadily(name));
        assertThat(outcome.restartedLog()).contains("Hub stopped");
        System.out.printf("SIGKILL mid-stream: %d rows for %d messages, %d redelivered by MQTT and kept%n",
                outcome.rows(), MESSAGES, outcome.rows() - MESSAGES);
    }

    /** QoS 1 at a steady pace, so the kill lands mid-stream. */
    private void publishSteadily(String name) {
        try (MqttPublisher publisher = MqttPublisher.connect(mosquitto.url())) {
            for (int batch = 0; batch < MESSAGES / BATCH; batch++) {
                int offset = batch * BATCH;
                publisher.publish(BATCH, 1,
                        i -> name + "/" + Telemetry.device((offset + i) % DEVICES) + "/telemetry",
                        i -> Telemetry.payload((offset + i) % DEVICES, (offset + i) / DEVICES),
                        Duration.ofSeconds(30));
                Thread.sleep(50);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
