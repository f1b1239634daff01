package io.tributary.connector.kinesis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.kinesis.model.Shard;

class ShardLineageTest {

    static Shard shard(String id, String parent, String adjacentParent) {
        return Shard.builder().shardId(id).parentShardId(parent).adjacentParentShardId(adjacentParent).build();
    }

    static List<String> readable(List<Shard> shards, Map<String, String> checkpoints) {
        return ShardLineage.readable(shards, checkpoints).stream().map(Shard::shardId).toList();
    }

    @Test
    void readsEveryShardOfAStreamThatWasNeverResharded() {
        List<Shard> shards = List.of(shard("s0", null, null), shard("s1", null, null), shard("s2", null, null));
        assertThat(readable(shards, Map.of("s1", "42"))).containsExactly("s0", "s1", "s2");
    }

    @Test
    void readsTheChildrenOfASplitOnlyAfterTheParentReachedItsEnd() {
        List<Shard> shards = List.of(shard("s0", null, null), shard("s1", "s0", null), shard("s2", "s0", null));
        assertThat(readable(shards, Map.of("s0", "42"))).containsExactly("s0");
        assertThat(readable(shards, Map.of("s0", CheckpointStore.SHARD_END))).containsExactly("s1", "s2");
    }

    @Test
    void readsTheChildOfAMergeOnlyAfterBothParentsReachedTheirEnds() {
        List<Shard> shards = List.of(shard("s0", null, null), shard("s1", null, null), shard("s2", "s0", "s1"));
        assertThat(readable(shards, Map.of("s0", CheckpointStore.SHARD_END))).containsExactly("s1");
        assertThat(readable(shards, Map.of("s0", CheckpointStore.SHARD_END, "s1", CheckpointStore.SHARD_END)))
                .containsExactly("s2");
    }

    @Test
    void treatsAParentPastTheRetentionPeriodAsDrained() {
        List<Shard> shards = List.of(shard("s3", "s0", null), shard("s4", "s1", "s2"));
        assertThat(readable(shards, Map.of())).containsExactly("s3", "s4");
        assertThat(ShardLineage.hasListedParent(shards.get(0), shards)).isFalse();
    }

    @Test
    void startsAChildWhoseParentIsListedAtItsFirstRecord() {
        List<Shard> shards = List.of(shard("s0", null, null), shard("s1", "s0", null));
        assertThat(ShardLineage.hasListedParent(shards.get(1), shards)).isTrue();
        assertThat(ShardLineage.hasListedParent(shards.get(0), shards)).isFalse();
    }
}
