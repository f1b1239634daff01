package io.tributary.connector.kinesis;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.kinesis.model.Shard;

/**
 * Which shards may be read now. After a split or merge, records of one partition key continue in a child shard, so
 * a child is read only once each of its parents was read to its end; a parent that is no longer listed has aged out
 * of the stream's retention and holds nothing more to read.
 */
final class ShardLineage {

    private ShardLineage() {
    }

    /** The listed shards that are not finished and whose listed parents are all finished, in list order. */
    static List<Shard> readable(List<Shard> shards, Map<String, String> checkpoints) {
        Set<String> listed = shards.stream().map(Shard::shardId).collect(Collectors.toSet());
        List<Shard> readable = new ArrayList<>();
        for (Shard shard : shards) {
            if (finished(shard.shardId(), checkpoints)) {
                continue;
            }
            boolean parentsDone = parents(shard).stream()
                    .allMatch(parent -> !listed.contains(parent) || finished(parent, checkpoints));
            if (parentsDone) {
                readable.add(shard);
            }
        }
        return readable;
    }

    /** Whether the shard has a listed parent: then it starts at its first record, whatever the initial position. */
    static boolean hasListedParent(Shard shard, List<Shard> shards) {
        List<String> parents = parents(shard);
        return shards.stream().anyMatch(s -> parents.contains(s.shardId()));
    }

    static boolean finished(String shardId, Map<String, String> checkpoints) {
        return CheckpointStore.SHARD_END.equals(checkpoints.get(shardId));
    }

    private static List<String> parents(Shard shard) {
        List<String> parents = new ArrayList<>(2);
        if (shard.parentShardId() != null) {
            parents.add(shard.parentShardId());
        }
        if (shard.adjacentParentShardId() != null) {
            parents.add(shard.adjacentParentShardId());
        }
        return parents;
    }
}
