package io.tributary.it.lake;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.embedded.EmbeddedKafka;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** One KRaft broker per test class for the lake process tests, with the admin calls they need. */
abstract class LakeKafka {

    static EmbeddedKafka kafka;
    static Admin admin;

    @BeforeAll
    static void startKafka() throws Exception {
        kafka = EmbeddedKafka.start();
        admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()));
    }

    @AfterAll
    static void stopKafka() {
        if (admin != null) {
            admin.close(Duration.ofSeconds(5));
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    static void createTopics(String topic, int partitions) throws Exception {
        admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1), new NewTopic(topic + ".dlq", 1, (short) 1)))
                .all().get(30, TimeUnit.SECONDS);
    }

    /** Waits until the sink's group has committed the end offset of every partition. */
    static void awaitCaughtUp(String table, String topic, int partitions, Duration timeout) throws Exception {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (int p = 0; p < partitions; p++) {
            latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
        }
        Map<TopicPartition, Long> end = new HashMap<>();
        admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS).forEach((tp, info) -> end.put(tp, info.offset()));
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<TopicPartition, Long> committed = committed(table);
        while (!committed.equals(end)) {
            assertThat(System.nanoTime()).as("group of %s caught up with %s; committed %s", table, end, committed)
                    .isLessThan(deadline);
            Thread.sleep(250);
            committed = committed(table);
        }
    }

    private static Map<TopicPartition, Long> committed(String table) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets("tributary-lake-" + table)
                .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
        Map<TopicPartition, Long> committed = new HashMap<>();
        offsets.forEach((tp, offset) -> {
            if (offset != null) {
                committed.put(tp, offset.offset());
            }
        });
        return committed;
    }

    /** Sends a signal (STOP, CONT) to a process this test started. */
    static void signal(long pid, String signal) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start();
        assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(kill.exitValue()).as("kill -%s %d", signal, pid).isZero();
    }
}
