package io.tributary.lake.compaction;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Exchanges two folders in one step with Linux {@code renameat2(..., RENAME_EXCHANGE)}: at every
 * instant each path names either its old folder or the other one, never nothing and never a mix.
 * There is no fallback: two plain renames would leave a moment with no folder (a reader sees a gap)
 * or with both contents reachable, so a file system that cannot exchange refuses compaction.
 */
final class AtomicFolderSwap {

    private static final int AT_FDCWD = -100;
    private static final int RENAME_EXCHANGE = 1 << 1;
    /** errno values meaning "this kernel or file system cannot exchange": refuse the whole compaction. */
    private static final int EXDEV = 18;
    private static final Map<Integer, String> UNSUPPORTED = Map.of(22, "EINVAL", 38, "ENOSYS", 95, "EOPNOTSUPP");
    private static final Map<Integer, String> OTHER = Map.of(2, "ENOENT", 13, "EACCES", 16, "EBUSY", 20, "ENOTDIR",
            28, "ENOSPC", 30, "EROFS", 5, "EIO");

    /** The one C function this needs, from the C library (glibc 2.28+). */
    interface CLibrary extends Library {
        int renameat2(int oldDirFd, String oldPath, int newDirFd, String newPath, int flags) throws LastErrorException;
    }

    private static volatile CLibrary library;

    private AtomicFolderSwap() {
    }

    /**
     * Swaps the contents of folders {@code a} and {@code b} (both must exist, on one file system).
     *
     * @throws CompactionRefusedException when this platform or file system cannot do it atomically
     * @throws IOException                for any other failure (a folder is missing, no permission)
     */
    static void exchange(Path a, Path b) throws IOException {
        CLibrary c = library();
        try {
            c.renameat2(AT_FDCWD, a.toAbsolutePath().toString(), AT_FDCWD, b.toAbsolutePath().toString(), RENAME_EXCHANGE);
        } catch (LastErrorException e) {
            int errno = e.getErrorCode();
            if (errno == EXDEV) {
                throw new CompactionRefusedException(b + " and " + a + " are on different file systems (renameat2"
                        + " RENAME_EXCHANGE: errno 18 EXDEV); the staging folder must be on the table's file system: is"
                        + " the table folder, or one above it, a mount point or a symbolic link to another disk?");
            }
            if (UNSUPPORTED.containsKey(errno)) {
                throw new CompactionRefusedException("the file system of " + b + " refused to exchange it atomically"
                        + " with " + a + " (renameat2 RENAME_EXCHANGE: errno " + errno + " " + UNSUPPORTED.get(errno)
                        + "); plain Parquet compaction needs a local Linux file system that supports it (ext4, xfs,"
                        + " btrfs, tmpfs) and never swaps folders non-atomically");
            }
            throw new IOException("exchanging " + a + " and " + b + " failed: errno " + errno + " "
                    + OTHER.getOrDefault(errno, "") + " " + e.getMessage());
        } catch (UnsatisfiedLinkError e) {
            throw new CompactionRefusedException("this C library has no renameat2 (glibc 2.28 or newer has it);"
                    + " plain Parquet compaction cannot exchange " + b + " atomically: " + e.getMessage());
        }
    }

    private static CLibrary library() throws CompactionRefusedException {
        CLibrary loaded = library;
        if (loaded == null) {
            if (!System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("linux")) {
                throw new CompactionRefusedException("plain Parquet compaction exchanges folders with Linux"
                        + " renameat2(RENAME_EXCHANGE); this is " + System.getProperty("os.name"));
            }
            try {
                loaded = Native.load("c", CLibrary.class);
            } catch (UnsatisfiedLinkError | NoClassDefFoundError e) {
                throw new CompactionRefusedException("cannot load the C library for renameat2: " + e.getMessage());
            }
            library = loaded;
        }
        return loaded;
    }
}
