package io.tributary.lake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class KafkaClientConfigTest {

    private static final LakeTable TABLE = new LakeTable("fleet", "in", "in.dlq", PartitionGranularity.DAY,
            List.of(), new RollPolicy(10, 10, Duration.ofSeconds(1)), null);

    @Test
    void consumesInTheTablesGroupWithManualCommitsAndCommittedReadsOnly() {
        Map<String, Object> config = KafkaClientConfig.consumer(TABLE,
                Map.of("bootstrap.servers", "127.0.0.1:9092", "security.protocol", "SSL"));

        assertThat(config)
                .containsEntry("bootstrap.servers", "127.0.0.1:9092")
                .containsEntry("security.protocol", "SSL")
                .containsEntry("group.id", "tributary-lake-fleet")
                .containsEntry("enable.auto.commit", "false")
                .containsEntry("isolation.level", "read_committed")
                .containsEntry("auto.offset.reset", "earliest");
    }

    @Test
    void producesDeadLettersIdempotentlyWithAllAcks() {
        Map<String, Object> config = KafkaClientConfig.deadLetterProducer(TABLE, Map.of("bootstrap.servers", "x:1"));

        assertThat(config).containsEntry("enable.idempotence", "true").containsEntry("acks", "all");
    }

    @Test
    void rejectsASettingThatContradictsTheCommitProtocol() {
        assertThatThrownBy(() -> new LakeSink(TABLE, java.nio.file.Path.of("lake"),
                Map.of("bootstrap.servers", "x:1", "enable.auto.commit", true), null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'enable.auto.commit' = 'true'")
                .hasMessageContaining("lake table 'fleet'");
    }

    @Test
    void acceptsASettingThatAgreesWithTheCommitProtocol() {
        assertThat(KafkaClientConfig.consumer(TABLE, Map.of("enable.auto.commit", false, "acks", "all")))
                .containsEntry("enable.auto.commit", "false");
    }

    @Test
    void drainsAWholePartitionFetchPerPollAndBoundsTheBrokersWaitForIdlePartitions() {
        Map<String, Object> config = KafkaClientConfig.consumer(TABLE, Map.of("bootstrap.servers", "x:1"));

        assertThat(config).containsEntry("max.poll.records", "10000").containsEntry("fetch.max.wait.ms", "100");
    }

    @Test
    void letsTheCallerTuneFetching() {
        Map<String, Object> config = KafkaClientConfig.consumer(TABLE,
                Map.of("bootstrap.servers", "x:1", "max.poll.records", 500, "fetch.max.wait.ms", "20"));

        assertThat(config).containsEntry("max.poll.records", 500).containsEntry("fetch.max.wait.ms", "20");
    }

    @Test
    void keepsConsumerTuningOutOfTheDeadLetterProducer() {
        assertThat(KafkaClientConfig.deadLetterProducer(TABLE, Map.of("bootstrap.servers", "x:1")))
                .doesNotContainKeys("max.poll.records", "fetch.max.wait.ms");
    }

    @Test
    void joinsAsAStaticMemberNamedAfterTheProcessAndTheTable() {
        Map<String, Object> config = KafkaClientConfig.consumer(TABLE, Map.of("bootstrap.servers", "x:1"),
                Optional.of("hub-7.eu"));

        assertThat(config).containsEntry("group.instance.id", "hub-7.eu-fleet")
                .containsEntry("group.id", "tributary-lake-fleet");
        assertThat(KafkaClientConfig.deadLetterProducer(TABLE, Map.of("bootstrap.servers", "x:1")))
                .doesNotContainKey("group.instance.id");
    }

    @Test
    void staysADynamicMemberWithoutAnInstanceId() {
        assertThat(KafkaClientConfig.consumer(TABLE, Map.of("bootstrap.servers", "x:1"), Optional.empty()))
                .doesNotContainKey("group.instance.id");
    }

    @Test
    void refusesAnInstanceIdTheCoordinatorWouldRefuse() {
        assertThatThrownBy(() -> new LakeSink(TABLE, new io.tributary.lake.storage.local.LocalStorage(
                java.nio.file.Path.of("lake")), Map.of("bootstrap.servers", "x:1"), Optional.of("hub 7"), null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'hub 7'")
                .hasMessageContaining("lake table 'fleet'")
                .hasMessageContaining("a-z A-Z 0-9 . _ -");
        assertThatThrownBy(() -> KafkaClientConfig.staticMemberId("", TABLE)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> KafkaClientConfig.staticMemberId("h".repeat(244), TABLE))
                .hasMessageContaining("use 1 to 243 of");
        assertThat(KafkaClientConfig.staticMemberId("h".repeat(243), TABLE)).hasSize(249);
    }

    @Test
    void refusesARawInstanceIdThatContradictsTheDeclaredOne() {
        assertThatThrownBy(() -> KafkaClientConfig.consumer(TABLE,
                Map.of("bootstrap.servers", "x:1", "group.instance.id", "other"), Optional.of("hub-1")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'group.instance.id' = 'other'");
    }
}
