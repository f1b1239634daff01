package io.tributary.lake.compaction;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One compaction per table at a time: an OS lock on {@code <table>/_tributary/compaction.lock},
 * released when the process ends however it ends. Two compactions of one folder would each swap
 * in content built from a listing the other one replaced.
 */
final class CompactionLock implements AutoCloseable {

    static final String FILE = "compaction.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private CompactionLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** @throws CompactionRefusedException when another compaction (in any process) holds the table */
    static CompactionLock acquire(Path tableFolder, String table) throws IOException {
        Path folder = tableFolder.resolve("_tributary");
        Files.createDirectories(folder);
        Path file = folder.resolve(FILE);
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException sameProcess) {
            lock = null;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        if (lock == null) {
            channel.close();
            throw new CompactionRefusedException("another compaction of lake table '" + table + "' is running (it"
                    + " holds " + file + "); run compact again when it has finished");
        }
        return new CompactionLock(channel, lock);
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }
}
