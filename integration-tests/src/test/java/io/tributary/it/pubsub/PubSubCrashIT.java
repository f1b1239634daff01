package io.tributary.it.pubsub;

import com.google.api.core.ApiFuture;
import com.google.api.core.ApiFutures;
import com.google.cloud.pubsub.v1.Publisher;
import io.tributary.testkit.MidStreamKill;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A hub in a child JVM is killed with SIGKILL while Pub/Sub messages stream in, then started again: every message
 * reaches the lake, and no Kafka record is in it twice. Pub/Sub redelivers what the killed hub had not acked once
 * its lease ran out (ackDeadline 10s); what it had written to Kafka but not yet acked comes twice, and is counted.
 */
class PubSubCrashIT extends PubSubServers {

    static final int DEVICES = 50;
    static final int MESSAGES = 5_000;
    /** Published in batches of this size with a pause between, about 1,000 messages a second. */
    static final int BATCH = 50;

    @TempDir
    Path work;

    @Test
    void losesNothingWhenTheHubIsKilledMidStream() throws Exception {
        String name = "ps-crash";
        String topic = PubSubHubConfig.pubsubTopic(name);
        emulator.createTopic(topic);
        emulator.createSubscription(topic, PubSubHubConfig.subscription(name), false);
        Path lakeRoot = work.resolve("lake");
        Path config = PubSubHubConfig.write(work, name, emulator.host(), kafka.bootstrapServers(), lakeRoot, false);
        MidStreamKill.Outcome outcome = MidStreamKill.run(work, config, lakeRoot, PubSubHubConfig.table(name),
                MESSAGES, Duration.ofSeconds(60), () -> publishSteadily(topic));
        System.out.printf("Pub/Sub, SIGKILL mid-stream: %d rows for %d messages, %d redelivered and kept%n",
                outcome.rows(), MESSAGES, outcome.rows() - MESSAGES);
    }

    private static void publishSteadily(String topic) {
        try {
            Publisher publisher = emulator.publisher(topic, false);
            try {
                for (int batch = 0; batch < MESSAGES / BATCH; batch++) {
                    List<ApiFuture<String>> ids = new ArrayList<>(BATCH);
                    for (int i = batch * BATCH; i < (batch + 1) * BATCH; i++) {
                        int device = i % DEVICES;
                        int seq = i / DEVICES;
                        ids.add(publisher.publish(PubSubEmulator.message(PubSubHubConfig.payload(device, seq),
                                PubSubHubConfig.attributes(device, seq), "")));
                    }
                    ApiFutures.allAsList(ids).get(30, TimeUnit.SECONDS);
                    Thread.sleep(50);
                }
            } finally {
                PubSubEmulator.shutdown(publisher);
            }
        } catch (Exception e) {
            throw new IllegalStateException("publishing failed", e);
        }
    }
}
