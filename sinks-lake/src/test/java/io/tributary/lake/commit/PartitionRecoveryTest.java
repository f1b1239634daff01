package io.tributary.lake.commit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.lake.LakeListener;
import io.tributary.lake.storage.StagedFile;
import io.tributary.lake.storage.local.LocalStorage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.common.TopicPartition;
import org.apache.parquet.io.PositionOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Recovery against real files in a folder: what a new owner finds after each kind of crash. */
class PartitionRecoveryTest {

    private static final TopicPartition P0 = new TopicPartition("t", 0);
    private static final TopicPartition P1 = new TopicPartition("t", 1);
    private static final String C1 = "11111111-1111-1111-1111-111111111111";
    private static final String C2 = "22222222-2222-2222-2222-222222222222";

    @TempDir
    Path lake;

    private LocalStorage storage;
    private ManifestStore manifests;
    private final MockConsumer<byte[], byte[]> consumer = new MockConsumer<>(OffsetResetStrategy.EARLIEST);

    @BeforeEach
    void open() {
        consumer.assign(List.of(P0, P1)); // the mock reports committed offsets of assigned partitions only
        storage = new LocalStorage(lake);
        manifests = new ManifestStore(storage, "fleet");
    }

    private StagedFile staged(String path) throws Exception {
        var pending = storage.create(path);
        try (PositionOutputStream out = pending.outputFile().createOrOverwrite(0)) {
            out.write(path.getBytes(StandardCharsets.UTF_8));
        }
        return pending.stage();
    }

    private void manifest(String id, TopicPartition partition, StagedFile... files) throws Exception {
        manifests.write(new CommitManifest(id, partition.topic(), partition.partition(), 0, 10,
                java.util.Arrays.stream(files).map(f -> new CommitManifest.FileEntry(f.path(), f.token(), 1)).toList()));
    }

    private void recover(TopicPartition... partitions) throws Exception {
        new PartitionRecovery(consumer, storage, manifests, LakeListener.NONE, "fleet").recover(List.of(partitions));
    }

    @Test
    void publishesTheCommittedManifestAndDiscardsUncommittedManifestsAndOrphansOfThePartition() throws Exception {
        StagedFile committed = staged("fleet/dt=2026-11-21/t+0+00000000000000000000.parquet");
        StagedFile uncommitted = staged("fleet/dt=2026-11-21/t+0+00000000000000000010.parquet");
        StagedFile orphan = staged("fleet/dt=2026-11-22/t+0+00000000000000000020.parquet");
        StagedFile otherPartition = staged("fleet/dt=2026-11-21/t+1+00000000000000000010.parquet");
        StagedFile tenthPartition = staged("fleet/dt=2026-11-21/t+10+00000000000000000010.parquet");
        manifest(C1, P0, committed);
        manifest(C2, P0, uncommitted);
        manifest(C2, P1, otherPartition);
        consumer.commitSync(Map.of(P0, new OffsetAndMetadata(10, CommitReference.metadata(C1))));

        recover(P0);

        assertThat(storage.list("fleet/dt")).containsExactly("fleet/dt=2026-11-21/t+0+00000000000000000000.parquet");
        assertThat(storage.listStaged("fleet/")).containsExactlyInAnyOrder(otherPartition, tenthPartition);
        assertThat(manifests.list(P0)).isEmpty();
        assertThat(manifests.list(P1)).containsExactly(C2);
        assertThat(orphan.path()).isNotIn(storage.list("fleet/"));
    }

    @Test
    void rollingForwardAgainAfterACrashMidPublishIsHarmless() throws Exception {
        StagedFile first = staged("fleet/dt=2026-11-21/t+0+00000000000000000000.parquet");
        StagedFile second = staged("fleet/dt=2026-11-22/t+0+00000000000000000001.parquet");
        manifest(C1, P0, first, second);
        consumer.commitSync(Map.of(P0, new OffsetAndMetadata(10, CommitReference.metadata(C1))));
        storage.publish(first); // the crashed owner got this far

        recover(P0);

        assertThat(storage.list("fleet/dt")).containsExactly(first.path(), second.path());
        assertThat(manifests.list(P0)).isEmpty();
    }

    @Test
    void deletesAHalfWrittenManifestOfThePartition() throws Exception {
        Path folder = Files.createDirectories(lake.resolve("fleet/_tributary/pending/t+0"));
        Files.writeString(folder.resolve("." + C1 + ".json.0123456789abcdef.tmp"), "{\"vers");

        recover(P0);

        assertThat(storage.listStaged("fleet/")).isEmpty();
    }

    @Test
    void failsLoudlyWhenACommittedFileIsMissing() throws Exception {
        StagedFile lost = staged("fleet/dt=2026-11-21/t+0+00000000000000000000.parquet");
        manifest(C1, P0, lost);
        storage.discard(lost);
        consumer.commitSync(Map.of(P0, new OffsetAndMetadata(10, CommitReference.metadata(C1))));

        assertThatThrownBy(() -> recover(P0)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("committed").hasMessageContaining(lost.path());
    }
}
