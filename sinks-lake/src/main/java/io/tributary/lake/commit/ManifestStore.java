package io.tributary.lake.commit;

import io.tributary.lake.storage.LakeStorage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads and writes commit manifests of one table:
 * {@code <table>/_tributary/pending/<topic>+<partition>/<commit id>.json}. The folder starts with
 * '_', which Hive-style readers skip, and holds no {@code .parquet} file.
 */
public final class ManifestStore {

    private static final String SUFFIX = ".json";

    private final LakeStorage storage;
    private final String table;

    public ManifestStore(LakeStorage storage, String table) {
        this.storage = storage;
        this.table = table;
    }

    /** The folder of a partition's manifests, ending in '/'. */
    public String folder(TopicPartition partition) {
        return table + "/_tributary/pending/" + partition.topic() + "+" + partition.partition() + "/";
    }

    String path(TopicPartition partition, String commitId) {
        return folder(partition) + commitId + SUFFIX;
    }

    public void write(CommitManifest manifest) throws IOException {
        storage.writeSmall(path(manifest.topicPartition(), manifest.commitId()), ManifestCodec.encode(manifest));
    }

    public Optional<CommitManifest> read(TopicPartition partition, String commitId) throws IOException {
        String path = path(partition, commitId);
        Optional<byte[]> bytes = storage.readSmall(path);
        return bytes.isEmpty() ? Optional.empty() : Optional.of(ManifestCodec.decode(bytes.get(), path));
    }

    /** Ids of the partition's manifests, in no particular order. */
    public List<String> list(TopicPartition partition) throws IOException {
        String folder = folder(partition);
        List<String> ids = new ArrayList<>();
        for (String path : storage.list(folder)) {
            String name = path.substring(folder.length());
            if (name.endsWith(SUFFIX) && name.indexOf('/') < 0) {
                ids.add(name.substring(0, name.length() - SUFFIX.length()));
            }
        }
        return ids;
    }

    public void delete(TopicPartition partition, String commitId) throws IOException {
        storage.delete(path(partition, commitId));
    }
}
