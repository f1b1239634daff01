package io.tributary.lake.storage.objectstore;

import java.io.IOException;
import java.io.InputStream;
import org.apache.parquet.io.DelegatingSeekableInputStream;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.SeekableInputStream;

/**
 * A Parquet input over an object read with ranged requests: a seek drops the current response and
 * the next read asks for the bytes from the new position on. Parquet reads the footer, then each
 * column chunk it needs, so a reader issues a few long sequential reads, not one per seek.
 */
public final class RangedInputFile implements InputFile {

    /** Opens the object's bytes from {@code position} to its end. */
    @FunctionalInterface
    public interface RangeOpener {
        InputStream openAt(long position) throws IOException;
    }

    private final String description;
    private final long length;
    private final RangeOpener opener;

    public RangedInputFile(String description, long length, RangeOpener opener) {
        this.description = description;
        this.length = length;
        this.opener = opener;
    }

    @Override
    public long getLength() {
        return length;
    }

    @Override
    public SeekableInputStream newStream() {
        RepositionableStream stream = new RepositionableStream(opener, length);
        return new DelegatingSeekableInputStream(stream) {
            @Override
            public long getPos() {
                return stream.position;
            }

            @Override
            public void seek(long newPosition) throws IOException {
                stream.seek(newPosition);
            }
        };
    }

    @Override
    public String toString() {
        return description;
    }

    /** Reads sequentially from one open range and reopens at the new position after a seek. */
    private static final class RepositionableStream extends InputStream {

        // skipping forward within an open response is cheaper than a new request up to about this much
        private static final long SKIP_LIMIT = 256 * 1024;

        private final RangeOpener opener;
        private final long length;
        private InputStream current;
        private long position;

        RepositionableStream(RangeOpener opener, long length) {
            this.opener = opener;
            this.length = length;
        }

        void seek(long target) throws IOException {
            if (target < 0 || target > length) {
                throw new IOException("seek to " + target + " outside 0.." + length);
            }
            if (current != null && target >= position && target - position <= SKIP_LIMIT) {
                current.skipNBytes(target - position);
            } else if (target != position) {
                closeCurrent();
            }
            position = target;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] bytes, int offset, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            if (position >= length) {
                return -1;
            }
            if (current == null) {
                current = opener.openAt(position);
            }
            int n = current.read(bytes, offset, len);
            if (n > 0) {
                position += n;
            } else if (n < 0) {
                throw new IOException("the object ended at " + position + " of " + length + " bytes");
            }
            return n;
        }

        private void closeCurrent() throws IOException {
            if (current != null) {
                InputStream closing = current;
                current = null;
                closing.close();
            }
        }

        @Override
        public void close() throws IOException {
            closeCurrent();
        }
    }
}
