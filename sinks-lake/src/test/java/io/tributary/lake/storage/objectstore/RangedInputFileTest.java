package io.tributary.lake.storage.objectstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.io.SeekableInputStream;
import org.junit.jupiter.api.Test;

class RangedInputFileTest {

    private final byte[] object = new byte[1_000_000];
    private final List<Long> opened = new ArrayList<>();

    RangedInputFileTest() {
        for (int i = 0; i < object.length; i++) {
            object[i] = (byte) (i * 31);
        }
    }

    private RangedInputFile file() {
        return new RangedInputFile("test", object.length, position -> {
            opened.add(position);
            return new ByteArrayInputStream(object, (int) position, object.length - (int) position);
        });
    }

    @Test
    void readsFromWhereverItSeeks() throws IOException {
        try (SeekableInputStream in = file().newStream()) {
            in.seek(object.length - 8);
            byte[] footer = new byte[8];
            in.readFully(footer);
            assertThat(footer).containsExactly(java.util.Arrays.copyOfRange(object, object.length - 8, object.length));

            in.seek(4);
            ByteBuffer buffer = ByteBuffer.allocate(100);
            in.readFully(buffer);
            assertThat(buffer.array()).containsExactly(java.util.Arrays.copyOfRange(object, 4, 104));
            assertThat(in.getPos()).isEqualTo(104);
        }
    }

    @Test
    void opensOneRangeForSequentialReadsAndShortForwardSkips() throws IOException {
        try (SeekableInputStream in = file().newStream()) {
            byte[] chunk = new byte[1000];
            in.readFully(chunk);
            in.seek(5000);
            in.readFully(chunk);
            assertThat(chunk[0]).isEqualTo(object[5000]);
        }

        assertThat(opened).containsExactly(0L);
    }

    @Test
    void refusesToSeekPastTheEnd() throws IOException {
        try (SeekableInputStream in = file().newStream()) {
            assertThatThrownBy(() -> in.seek(object.length + 1)).isInstanceOf(IOException.class);
        }
    }
}
