package io.tributary.lake.storage.objectstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChunkedOutputStreamTest {

    private final List<byte[]> sent = new ArrayList<>();
    private final List<Integer> indexes = new ArrayList<>();

    private ChunkedOutputStream stream(int chunkSize) {
        return new ChunkedOutputStream(chunkSize, (index, bytes, length) -> {
            indexes.add(index);
            sent.add(Arrays.copyOf(bytes, length));
        });
    }

    @Test
    void sendsEachChunkAsSoonAsItIsFullAndTheRestWhenFinished() throws IOException {
        ChunkedOutputStream out = stream(4);
        out.write(new byte[] {1, 2, 3});
        assertThat(sent).isEmpty();

        out.write(new byte[] {4, 5, 6, 7, 8, 9, 10});
        assertThat(sent).containsExactly(new byte[] {1, 2, 3, 4}, new byte[] {5, 6, 7, 8});
        assertThat(out.getPos()).isEqualTo(10);

        out.close(); // the Parquet writer's close sends nothing
        assertThat(sent).hasSize(2);
        assertThat(out.finish()).isEqualTo(3);
        assertThat(sent.get(2)).containsExactly(9, 10);
        assertThat(indexes).containsExactly(0, 1, 2);
    }

    @Test
    void aFileOfExactlyOneChunkHasNoEmptyTail() throws IOException {
        ChunkedOutputStream out = stream(4);
        out.write(new byte[] {1, 2, 3, 4});

        assertThat(out.finish()).isEqualTo(1);
        assertThat(sent).hasSize(1);
    }

    @Test
    void anEmptyFileStillHasOneChunk() throws IOException {
        ChunkedOutputStream out = stream(4);

        assertThat(out.finish()).isEqualTo(1);
        assertThat(sent.get(0)).isEmpty();
    }

    @Test
    void finishingTwiceSendsNothingMoreAndWritingAfterwardsFails() throws IOException {
        ChunkedOutputStream out = stream(4);
        out.write(7);
        out.finish();
        out.finish();

        assertThat(sent).hasSize(1);
        assertThatThrownBy(() -> out.write(8)).isInstanceOf(IOException.class);
    }

    @Test
    void keepsTheBytesInOrderAcrossManySmallAndLargeWrites() throws IOException {
        ChunkedOutputStream out = stream(1000);
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        for (int i = 0; i < 500; i++) {
            byte[] piece = new byte[i % 7 == 0 ? 2500 : 13];
            Arrays.fill(piece, (byte) i);
            out.write(piece);
            expected.write(piece);
        }
        out.finish();

        ByteArrayOutputStream received = new ByteArrayOutputStream();
        sent.forEach(received::writeBytes);
        assertThat(received.toByteArray()).isEqualTo(expected.toByteArray());
        assertThat(sent.subList(0, sent.size() - 1)).allSatisfy(chunk -> assertThat(chunk).hasSize(1000));
    }
}
