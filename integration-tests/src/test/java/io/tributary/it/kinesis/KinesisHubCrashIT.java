package io.tributary.it.kinesis;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.testkit.Await;
import io.tributary.testkit.HubProcess;
import io.tributary.testkit.KafkaTopicReader;
import io.tributary.testkit.Telemetry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;

/**
 * A hub in a child JVM is killed with SIGKILL while it reads a stream, then started again: it resumes from the
 * checkpoint file, so every record reaches Kafka. Records of batches Kafka had acknowledged but the killed hub had
 * not checkpointed yet are read again; those duplicates are bounded by one batch per shard and reported.
 */
class KinesisHubCrashIT extends KinesisServers {

    /** Each poll reads the whole topic, so poll less often than the default. */
    private static final Duration READ_WHOLE_TOPIC_POLL = Duration.ofMillis(500);

    static final int DEVICES = 20;
    static final int RECORDS = 6_000;
    static final int SHARDS = 2;
    static final int BATCH = 50;

    @TempDir
    Path work;

    private HubProcess startHub(Path config, String logName) {
        return HubProcess.hub("run", "--config", config.toString())
                .env(Map.of("KINESIS_ACCESS_KEY", KinesisLocal.ACCESS_KEY, "KINESIS_SECRET_KEY", KinesisLocal.SECRET_KEY))
                .log(work.resolve(logName))
                .workingDirectory(work)
                .start();
    }

    private List<KafkaTopicReader.Record> kafkaRecords(String name) {
        return new KafkaTopicReader(kafka.bootstrapServers()).readToEnd(KinesisHub.topic(name), Duration.ofSeconds(10));
    }


    @Test
    void losesNoRecordWhenTheHubIsKilledMidStream() throws Exception {
        String name = "kinesis-crash";
        kinesis.createStream(name, SHARDS);
        List<PutRecordsRequestEntry> entries = new ArrayList<>();
        for (int i = 0; i < RECORDS; i++) {
            entries.add(KinesisLocal.entry(Telemetry.device(i % DEVICES), KinesisHub.payload(i % DEVICES, i / DEVICES)));
        }
        kinesis.put(name, entries);
        // small batches, so that the kill lands with most of the stream unread
        Path config = KinesisHub.writeConfig(work, name, kinesis, kafka.bootstrapServers(), BATCH);

        HubProcess first = startHub(config, "hub-1.log");
        HubProcess second = null;
        try {
            first.waitForLog("Tributary is running", Duration.ofSeconds(60));
            long beforeKill = Await.atLeast(1_000, Duration.ofSeconds(30), READ_WHOLE_TOPIC_POLL,
                    () -> kafkaRecords(name).size());
            assertThat(first.kill9()).isEqualTo(HubProcess.EXIT_SIGKILL);
            long atKill = kafkaRecords(name).size();
            assertThat(atKill).as("the kill must land mid-stream (%d before it)", beforeKill).isLessThan(RECORDS);

            // the restarted hub reads the rest in large batches; the checkpoints do not depend on the batch size
            KinesisHub.writeConfig(work, name, kinesis, kafka.bootstrapServers(), 1_000);
            second = startHub(config, "hub-2.log");
            second.waitForLog("Tributary is running", Duration.ofSeconds(60));
            long distinct = Await.atLeast(RECORDS, Duration.ofSeconds(60), READ_WHOLE_TOPIC_POLL,
                    () -> kafkaRecords(name).stream().map(r -> r.header("ce_id")).distinct().count());
            assertThat(distinct).as("distinct Kinesis records in Kafka").isEqualTo(RECORDS);
            // killed too: a graceful stop would wait for the lake sink, whose consumer group still counts the first
            // hub as a member until its session times out; this test is about Kinesis into Kafka
            assertThat(second.kill9()).isEqualTo(HubProcess.EXIT_SIGKILL);

            long total = kafkaRecords(name).size();
            System.out.printf("SIGKILL mid-stream: %d of %d records in Kafka at the kill; %d records in Kafka after "
                    + "the restart, %d read again%n", atKill, RECORDS, total, total - RECORDS);
            assertThat(total - RECORDS).as("records read again: at most the unchecked batch of each shard")
                    .isBetween(0L, (long) SHARDS * BATCH);
        } finally {
            if (second != null) {
                second.close();
            }
            first.close();
        }
    }
}
