package io.tributary.it.kinesis;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.routes.runtime.Hub;
import io.tributary.testkit.Await;
import io.tributary.testkit.KafkaTopicReader;
import io.tributary.testkit.Telemetry;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.Shard;

/**
 * Shard splits and a merge on kinesis-local while the hub reads: every record arrives once, and per partition key in
 * the order it was written, which needs each parent shard drained before its children are read.
 */
class KinesisReshardIT extends KinesisServers {

    static final int DEVICES = 20;
    static final int PHASE = 1_500;

    @TempDir
    Path work;

    /** Readings {@code from} (inclusive) to {@code to}, round robin over the devices; device d's n-th has seq n. */
    static List<PutRecordsRequestEntry> readings(int from, int to) {
        List<PutRecordsRequestEntry> entries = new ArrayList<>();
        for (int i = from; i < to; i++) {
            entries.add(KinesisLocal.entry(Telemetry.device(i % DEVICES), KinesisHub.payload(i % DEVICES, i / DEVICES)));
        }
        return entries;
    }

    private void split(String stream, Shard shard) throws InterruptedException {
        BigInteger start = new BigInteger(shard.hashKeyRange().startingHashKey());
        BigInteger end = new BigInteger(shard.hashKeyRange().endingHashKey());
        String middle = start.add(end).shiftRight(1).toString();
        kinesis.client().splitShard(r -> r.streamName(stream).shardToSplit(shard.shardId()).newStartingHashKey(middle));
        kinesis.awaitActive(stream);
    }

    /** Merges the two children of {@code parent}; their hash key ranges are adjacent. */
    private void merge(String stream, String parent) throws InterruptedException {
        List<Shard> children = kinesis.shards(stream).stream().filter(s -> parent.equals(s.parentShardId()))
                .sorted((a, b) -> new BigInteger(a.hashKeyRange().startingHashKey())
                        .compareTo(new BigInteger(b.hashKeyRange().startingHashKey())))
                .toList();
        assertThat(children).hasSize(2);
        kinesis.client().mergeShards(r -> r.streamName(stream).shardToMerge(children.get(0).shardId())
                .adjacentShardToMerge(children.get(1).shardId()));
        kinesis.awaitActive(stream);
    }

    @Test
    void drainsEachParentBeforeItsChildrenWhenShardsSplitAndMergeMidStream() throws Exception {
        String name = "kinesis-split";
        kinesis.createStream(name, 2);
        List<Shard> original = kinesis.shards(name);
        assertThat(original).hasSize(2);

        // the first split happens before the hub starts: the closed parent still holds unread records
        kinesis.put(name, readings(0, PHASE));
        split(name, original.get(0));
        kinesis.put(name, readings(PHASE, 2 * PHASE));

        Path config = KinesisHub.writeConfig(work, name, kinesis, kafka.bootstrapServers(), 100);
        try (Hub hub = KinesisHub.start(config)) {
            // the second split happens while the hub reads
            assertThat(Await.atLeast(300, Duration.ofSeconds(30), () -> KinesisHub.written(hub)))
                    .isGreaterThanOrEqualTo(300);
            split(name, original.get(1));
            kinesis.put(name, readings(2 * PHASE, 3 * PHASE));
            // and the two children of the first split merge again: the merged shard waits for both parents
            assertThat(Await.atLeast(2 * PHASE, Duration.ofSeconds(30), () -> KinesisHub.written(hub)))
                    .isGreaterThanOrEqualTo(2 * PHASE);
            merge(name, original.get(0).shardId());
            kinesis.put(name, readings(3 * PHASE, 4 * PHASE));
            assertThat(Await.atLeast(4 * PHASE, Duration.ofSeconds(40), () -> KinesisHub.written(hub)))
                    .isEqualTo(4 * PHASE);
        }
        assertThat(kinesis.shards(name)).hasSize(7);

        List<KafkaTopicReader.Record> records = new KafkaTopicReader(kafka.bootstrapServers())
                .readToEnd(KinesisHub.topic(name), Duration.ofSeconds(20));
        assertThat(records).hasSize(4 * PHASE);
        assertThat(records.stream().map(r -> r.header("ce_id")).distinct().count()).isEqualTo(4 * PHASE);

        // records of one key share a Kafka partition; read in offset order, their seq must count up without gaps
        Map<String, List<KafkaTopicReader.Record>> byDevice = records.stream()
                .collect(Collectors.groupingBy(KafkaTopicReader.Record::key));
        assertThat(byDevice).hasSize(DEVICES);
        byDevice.forEach((device, list) -> {
            List<Long> seqs = list.stream()
                    .sorted((a, b) -> Long.compare(a.offset(), b.offset()))
                    .map(r -> Long.parseLong(r.valueAsString().replaceAll(".*\"seq\":([0-9]+).*", "$1")))
                    .toList();
            List<Long> expected = java.util.stream.LongStream.range(0, 4 * PHASE / DEVICES).boxed().toList();
            assertThat(seqs).as("seq of %s in Kafka order", device).isEqualTo(expected);
        });

        Properties checkpoints = new Properties();
        try (var reader = Files.newBufferedReader(KinesisHub.checkpoints(work).resolve(name + "." + name + ".checkpoints"))) {
            checkpoints.load(reader);
        }
        for (Shard parent : original) {
            assertThat(checkpoints.getProperty(parent.shardId())).as(parent.shardId()).isEqualTo("SHARD_END");
        }
        // both parents of the merge were read to their ends
        kinesis.shards(name).stream().filter(s -> original.get(0).shardId().equals(s.parentShardId()))
                .forEach(child -> assertThat(checkpoints.getProperty(child.shardId())).as(child.shardId())
                        .isEqualTo("SHARD_END"));
        assertThat(checkpoints).hasSize(7);
    }
}
