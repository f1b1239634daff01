package io.tributary.it.pulsar;

import io.tributary.testkit.HubConfig;
import io.tributary.testkit.Telemetry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.pulsar.client.api.BatcherBuilder;
import org.apache.pulsar.client.api.MessageId;
import org.apache.pulsar.client.api.Producer;
import org.apache.pulsar.client.api.PulsarClient;

/** A config directory for one Pulsar test (its own topic, subscription, Kafka topic and table), and its telemetry. */
final class PulsarHubConfig {

    private PulsarHubConfig() {
    }

    /**
     * The source takes its device id from the message key and writes seq and temperature to the lake.
     *
     * @param subscriptionType Key_Shared, Shared, ...
     */
    static Path write(Path parent, String name, String serviceUrl, String kafka, Path lake, String subscriptionType)
            throws IOException {
        return HubConfig.write(parent, name, kafka, lake, """
                name: %1$s
                type: pulsar
                pulsar:
                  serviceUrl: %2$s
                  topics: [%3$s]
                  subscription: %4$s
                  subscriptionType: %5$s
                  initialPosition: earliest
                """.formatted(name, serviceUrl, pulsarTopic(name), subscription(name), subscriptionType)
                + HubConfig.telemetrySections("fromHeader: pulsar_key", topic(name), table(name), 5000));
    }

    static String pulsarTopic(String name) {
        return "persistent://public/default/" + name + "-in";
    }

    static String subscription(String name) {
        return name + "-sub";
    }

    static String topic(String name) {
        return "telemetry." + name;
    }

    static String table(String name) {
        return name.replace('-', '_');
    }

    static Instant eventTime(int seq) {
        return Telemetry.START.plusSeconds(seq);
    }

    static byte[] payload(int device, int seq) {
        return ("{\"seq\":" + seq + ",\"ts\":\"" + eventTime(seq) + "\",\"temp\":" + Telemetry.temperature(device, seq) + "}")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** A producer that batches per key, so a batch never mixes keys (Key_Shared dispatches a batch as one). */
    static Producer<byte[]> producer(PulsarClient client, String topic) throws Exception {
        return client.newProducer().topic(topic).blockIfQueueFull(true).enableBatching(true)
                .batcherBuilder(BatcherBuilder.KEY_BASED).create();
    }

    /**
     * Publishes messages {@code from..to-1} (message i is device i % devices, seq i / devices) keyed by device, with
     * the event time and the properties seq and site, and waits until the broker stored them all.
     */
    static List<MessageId> publish(Producer<byte[]> producer, int devices, int from, int to) throws Exception {
        List<CompletableFuture<MessageId>> sent = new ArrayList<>(to - from);
        for (int i = from; i < to; i++) {
            int device = i % devices;
            int seq = i / devices;
            sent.add(producer.newMessage().key(Telemetry.device(device)).value(payload(device, seq))
                    .eventTime(eventTime(seq).toEpochMilli())
                    .property("seq", Integer.toString(seq)).property("site", "north")
                    .sendAsync());
        }
        CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
        return sent.stream().map(CompletableFuture::join).toList();
    }
}
