package io.tributary.lake.storage.objectstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.lake.storage.StagedFile;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.parquet.io.PositionOutputStream;
import org.junit.jupiter.api.Test;

class ObjectStorePendingFileTest {

    /** Records what a store would receive, and can be told to fail its discard. */
    private static final class RecordingUpload implements ObjectStorePendingFile.ChunkedUpload {
        final List<byte[]> chunks = new ArrayList<>();
        int discards;
        boolean failDiscard;

        @Override
        public void upload(int index, byte[] bytes, int length) {
            assertThat(index).isEqualTo(chunks.size());
            chunks.add(Arrays.copyOf(bytes, length));
        }

        @Override
        public void discard() throws IOException {
            discards++;
            if (failDiscard) {
                throw new IOException("store unreachable");
            }
        }
    }

    private final RecordingUpload upload = new RecordingUpload();
    private final ObjectStorePendingFile pending =
            ObjectStorePendingFile.chunked("t/a.parquet", "upload-7", "mem://lake/t/a.parquet", 4, upload);

    @Test
    void sendsEachFullChunkWhileWritingAndTheLastOneWhenStaged() throws IOException {
        PositionOutputStream out = pending.outputFile().create(0);
        out.write(new byte[] {1, 2, 3, 4, 5, 6});
        assertThat(upload.chunks).containsExactly(new byte[] {1, 2, 3, 4});

        out.close();
        StagedFile staged = pending.stage();

        assertThat(staged).isEqualTo(new StagedFile("t/a.parquet", "upload-7"));
        assertThat(upload.chunks).containsExactly(new byte[] {1, 2, 3, 4}, new byte[] {5, 6});
        assertThat(upload.discards).isZero();
    }

    @Test
    void takesOneWriterOnlyAndReportsWhereTheBytesGo() throws IOException {
        assertThat(pending.path()).isEqualTo("t/a.parquet");
        assertThat(pending.outputFile().getPath()).isEqualTo("mem://lake/t/a.parquet");
        pending.outputFile().create(0);

        assertThatThrownBy(() -> pending.outputFile().createOrOverwrite(0))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("mem://lake/t/a.parquet");
    }

    @Test
    void abortDiscardsTheUploadAndSwallowsAFailureToDoSo() throws IOException {
        pending.outputFile().create(0).write(9);
        upload.failDiscard = true;

        pending.abort();

        assertThat(upload.discards).isEqualTo(1);
        assertThat(upload.chunks).isEmpty();
    }

    @Test
    void stagingPassesOnTheStoresFailureToComplete() {
        ObjectStorePendingFile failing = new ObjectStorePendingFile("t/b.parquet", "tok", "mem://lake/t/b.parquet",
                new ChunkedOutputStream(4, upload), new ObjectStorePendingFile.Upload() {
                    @Override
                    public void complete() throws IOException {
                        throw new IOException("upload was discarded");
                    }

                    @Override
                    public void discard() {
                    }
                });

        assertThatThrownBy(failing::stage).isInstanceOf(IOException.class).hasMessage("upload was discarded");
    }
}
