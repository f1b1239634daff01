package io.tributary.connector.kinesis;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointStoreTest {

    @TempDir
    Path dir;

    @Test
    void startsEmptyWhenNothingWasSaved() {
        assertThat(CheckpointStore.forSource(dir.resolve("missing"), "fleet", "stream").load()).isEmpty();
    }

    @Test
    void keepsSequenceNumbersAndShardEndsAcrossInstances() {
        CheckpointStore store = CheckpointStore.forSource(dir.resolve("nested"), "fleet", "telemetry");
        store.save(Map.of("shardId-000000000000", "49590338271490256608559692538361571095921575989136588898",
                "shardId-000000000001", CheckpointStore.SHARD_END));
        store.save(Map.of("shardId-000000000000", "49590338271490256608559692538361571095921575989136589999",
                "shardId-000000000001", CheckpointStore.SHARD_END));

        Map<String, String> loaded = CheckpointStore.forSource(dir.resolve("nested"), "fleet", "telemetry").load();

        assertThat(loaded).containsExactly(
                Map.entry("shardId-000000000000", "49590338271490256608559692538361571095921575989136589999"),
                Map.entry("shardId-000000000001", CheckpointStore.SHARD_END));
        assertThat(store.file()).hasFileName("fleet.telemetry.checkpoints");
        assertThat(Files.exists(store.file().resolveSibling("fleet.telemetry.checkpoints.tmp"))).isFalse();
    }
}
