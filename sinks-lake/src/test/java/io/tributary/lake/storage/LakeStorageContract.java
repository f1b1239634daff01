package io.tributary.lake.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.PositionOutputStream;
import org.apache.parquet.io.SeekableInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the lake's commit protocol relies on from every {@link LakeStorage}: written files stay
 * invisible until published, staged bytes survive until published or discarded, publishing and
 * discarding are idempotent, leftovers can be listed, and two writers of one path never mix.
 *
 * <p>Subclass it per backend (local folder, S3, Azure Blob, GCS) and return a fresh, empty
 * storage from {@link #newStorage()}. Each test works under its own random prefix, so one bucket
 * or container can serve the whole class.
 */
public abstract class LakeStorageContract {

    /** A storage for one test; closed after it. */
    protected abstract LakeStorage newStorage() throws Exception;

    protected LakeStorage storage;
    /** This test's folder, e.g. {@code contract-1b2c.../}. */
    protected String base;

    @BeforeEach
    void openStorage() throws Exception {
        storage = newStorage();
        base = "contract-" + UUID.randomUUID() + "/";
    }

    @AfterEach
    void closeStorage() throws Exception {
        if (storage != null) {
            storage.close();
        }
    }

    /** Writes {@code content} through a new pending file and stages it. */
    protected StagedFile stage(String path, String content) throws IOException {
        PendingFile pending = storage.create(path);
        write(pending, content);
        return pending.stage();
    }

    protected static void write(PendingFile pending, String content) throws IOException {
        try (PositionOutputStream out = pending.outputFile().createOrOverwrite(0)) {
            out.write(content.getBytes(StandardCharsets.UTF_8));
        }
    }

    protected String read(String path) throws IOException {
        InputFile file = storage.openForRead(path);
        byte[] bytes = new byte[(int) file.getLength()];
        try (SeekableInputStream in = file.newStream()) {
            in.readFully(bytes);
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Test
    void aWrittenFileStaysInvisibleUntilPublished() throws Exception {
        String path = base + "dt=2026-11-21/t+0+00000000000000000000.parquet";
        StagedFile staged = stage(path, "rows");

        assertThat(staged.path()).isEqualTo(path);
        assertThat(storage.list(base)).isEmpty();
        assertThatThrownBy(() -> storage.openForRead(path)).isInstanceOf(IOException.class);

        storage.publish(staged);

        assertThat(storage.list(base)).containsExactly(path);
        assertThat(read(path)).isEqualTo("rows");
    }

    @Test
    void publishingTwiceIsHarmless() throws Exception {
        String path = base + "a.parquet";
        StagedFile staged = stage(path, "once");
        storage.publish(staged);

        storage.publish(staged);

        assertThat(read(path)).isEqualTo("once");
        assertThat(storage.list(base)).containsExactly(path);
    }

    @Test
    void publishingReplacesAnEarlierFileAtThePath() throws Exception {
        String path = base + "a.parquet";
        storage.publish(stage(path, "first"));

        storage.publish(stage(path, "second"));

        assertThat(read(path)).isEqualTo("second");
    }

    /** Protected so that a backend whose test server cannot run it as written can replace it (see S3StorageIT). */
    @Test
    protected void twoWritersOfOnePathKeepTheirBytesApart() throws Exception {
        String path = base + "dt=2026-11-21/t+3+00000000000000000042.parquet";
        PendingFile zombie = storage.create(path);
        PendingFile owner = storage.create(path);
        write(zombie, "zombie bytes");
        write(owner, "owner bytes");
        StagedFile zombieStaged = zombie.stage();
        StagedFile ownerStaged = owner.stage();

        assertThat(zombieStaged.token()).isNotEqualTo(ownerStaged.token());
        storage.discard(zombieStaged);
        storage.publish(ownerStaged);

        assertThat(read(path)).isEqualTo("owner bytes");
    }

    @Test
    void discardingIsIdempotentAndLeavesNothingToPublish() throws Exception {
        String path = base + "a.parquet";
        StagedFile staged = stage(path, "dropped");

        storage.discard(staged);
        storage.discard(staged);

        assertThat(storage.listStaged(base)).isEmpty();
        assertThatThrownBy(() -> storage.publish(staged)).isInstanceOf(FileNotFoundException.class);
        assertThat(storage.list(base)).isEmpty();
    }

    @Test
    void discardingAPublishedFileKeepsItVisible() throws Exception {
        String path = base + "a.parquet";
        StagedFile staged = stage(path, "kept");
        storage.publish(staged);

        storage.discard(staged);

        assertThat(read(path)).isEqualTo("kept");
    }

    @Test
    void listsStagedLeftoversUnderAPrefixUntilPublishedOrDiscarded() throws Exception {
        StagedFile published = stage(base + "dt=2026-11-21/t+0+00000000000000000000.parquet", "a");
        StagedFile discarded = stage(base + "dt=2026-11-21/t+0+00000000000000000010.parquet", "b");
        StagedFile leftover = stage(base + "dt=2026-11-22/t+1+00000000000000000005.parquet", "c");
        StagedFile elsewhere = stage("other-" + base + "t+0+00000000000000000000.parquet", "d");

        assertThat(storage.listStaged(base)).containsExactlyInAnyOrder(published, discarded, leftover);
        storage.publish(published);
        storage.discard(discarded);

        assertThat(storage.listStaged(base)).containsExactly(leftover);
        storage.discard(leftover);
        storage.discard(elsewhere);
        assertThat(storage.listStaged(base)).isEmpty();
    }

    @Test
    void aLeftoverFoundByListingCanBeDiscardedByItsToken() throws Exception {
        String path = base + "t+0+00000000000000000007.parquet";
        stage(path, "crashed");
        List<StagedFile> found = storage.listStaged(base);
        assertThat(found).extracting(StagedFile::path).containsExactly(path);

        // a new owner only knows what listStaged returned, not the PendingFile of the crashed process
        storage.discard(new StagedFile(found.get(0).path(), found.get(0).token()));

        assertThat(storage.listStaged(base)).isEmpty();
    }

    @Test
    void aDiscardedFileCanNeverBePublished() throws Exception {
        String path = base + "t+0+00000000000000000007.parquet";
        PendingFile zombie = storage.create(path);
        write(zombie, "late");
        for (StagedFile leftover : storage.listStaged(base)) {
            storage.discard(leftover); // the new owner cleans up while the zombie still writes
        }

        assertThatThrownBy(() -> storage.publish(zombie.stage())).isInstanceOf(IOException.class);
        assertThat(storage.list(base)).isEmpty();
    }

    @Test
    void abortingAPendingFileLeavesNoLeftover() throws Exception {
        PendingFile pending = storage.create(base + "a.parquet");
        write(pending, "half");

        pending.abort();

        assertThat(storage.listStaged(base)).isEmpty();
        assertThat(storage.list(base)).isEmpty();
    }

    @Test
    void listsOnlyVisibleFilesUnderThePrefixInPathOrder() throws Exception {
        storage.publish(stage(base + "dt=2026-11-22/b.parquet", "b"));
        storage.publish(stage(base + "dt=2026-11-21/a.parquet", "a"));
        storage.publish(stage("other-" + base + "c.parquet", "c"));
        stage(base + "dt=2026-11-21/hidden.parquet", "not published");

        assertThat(storage.list(base)).containsExactly(base + "dt=2026-11-21/a.parquet", base + "dt=2026-11-22/b.parquet");
        assertThat(storage.list(base + "dt=2026-11-22/")).containsExactly(base + "dt=2026-11-22/b.parquet");
    }

    @Test
    void smallFilesAreWrittenWholeReadBackAndDeleted() throws Exception {
        String path = base + "_tributary/pending/t+0/commit.json";
        assertThat(storage.readSmall(path)).isEmpty();

        storage.writeSmall(path, "{\"v\":1}".getBytes(StandardCharsets.UTF_8));
        storage.writeSmall(path, "{\"v\":2}".getBytes(StandardCharsets.UTF_8));

        assertThat(storage.readSmall(path)).hasValueSatisfying(
                bytes -> assertThat(new String(bytes, StandardCharsets.UTF_8)).isEqualTo("{\"v\":2}"));
        assertThat(storage.list(base + "_tributary/pending/")).containsExactly(path);
        storage.delete(path);
        storage.delete(path);
        assertThat(storage.readSmall(path)).isEmpty();
        assertThat(storage.list(base)).isEmpty();
    }

    @Test
    void describesItselfForLogs() {
        assertThat(storage.describe()).isNotBlank();
    }
}
