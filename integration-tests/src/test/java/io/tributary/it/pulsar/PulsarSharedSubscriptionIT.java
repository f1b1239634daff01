package io.tributary.it.pulsar;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.testkit.Await;
import io.tributary.testkit.HubProcess;
import io.tributary.testkit.KafkaTopicReader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.pulsar.client.api.Producer;
import org.apache.pulsar.client.api.PulsarClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two hub instances (child JVMs) with the same config read one Shared subscription: Pulsar spreads the messages
 * over both, each writes its share to Kafka, and together they lose none. No coordinator of our own is involved.
 */
class PulsarSharedSubscriptionIT extends PulsarServers {

    static final int DEVICES = 40;
    static final int MESSAGES = 4_000;
    private static final Pattern WRITTEN = Pattern.compile("progress: in=\\d+ kafka=(\\d+)");

    @TempDir
    Path work;

    @Test
    void twoHubsOnASharedSubscriptionSplitTheLoadAndLoseNothing() throws Exception {
        String name = "pl-shared";
        String topic = PulsarHubConfig.pulsarTopic(name);
        pulsar.createPartitionedTopic(topic, 2);
        Path config = PulsarHubConfig.write(work, name, pulsar.serviceUrl(), kafka.bootstrapServers(),
                work.resolve("lake"), "Shared");
        try (HubProcess one = hub(config, "hub-1.log"); HubProcess two = hub(config, "hub-2.log")) {
            one.waitForLog("Tributary is running", Duration.ofSeconds(90));
            two.waitForLog("Tributary is running", Duration.ofSeconds(90));
            // published only once both consumers are on the subscription, so both are offered messages
            try (PulsarClient client = pulsar.client();
                 Producer<byte[]> producer = PulsarHubConfig.producer(client, topic)) {
                for (int from = 0; from < MESSAGES; from += 500) {
                    PulsarHubConfig.publish(producer, DEVICES, from, from + 500);
                }
            }
            KafkaTopicReader reader = new KafkaTopicReader(kafka.bootstrapServers());
            long distinct = Await.atLeast(MESSAGES, Duration.ofSeconds(90), Duration.ofSeconds(1), () ->
                    reader.readToEnd(PulsarHubConfig.topic(name), Duration.ofSeconds(10)).stream()
                            .map(r -> r.header("ce_id")).distinct().count());
            assertThat(distinct).as("distinct Pulsar messages in Kafka").isEqualTo(MESSAGES);

            // the last progress line of each hub says how many records it wrote to Kafka
            Thread.sleep(2_500);
            long byOne = lastWritten(one);
            long byTwo = lastWritten(two);
            System.out.printf("Pulsar Shared subscription: hub 1 wrote %d, hub 2 wrote %d of %d messages%n", byOne,
                    byTwo, MESSAGES);
            assertThat(byOne).as("hub 1's share").isPositive();
            assertThat(byTwo).as("hub 2's share").isPositive();
            assertThat(byOne + byTwo).as("both shares together").isGreaterThanOrEqualTo(MESSAGES);
            assertThat(one.stop()).isEqualTo(HubProcess.EXIT_SIGTERM);
            assertThat(two.stop()).isEqualTo(HubProcess.EXIT_SIGTERM);
        }
    }

    private HubProcess hub(Path config, String log) {
        return HubProcess.hub("run", "--config", config.toString(), "--progress-interval", "1000")
                .log(work.resolve(log)).workingDirectory(work).start();
    }

    private static long lastWritten(HubProcess hub) {
        Matcher m = WRITTEN.matcher(hub.log());
        long last = 0;
        while (m.find()) {
            last = Long.parseLong(m.group(1));
        }
        return last;
    }
}
