package io.tributary.testkit;

import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The processes and folders this test JVM created through the kit. If the JVM ends without the
 * tests releasing them (a failed {@code @BeforeAll}, a forgotten close, an interrupted build), a
 * shutdown hook kills the processes by their handle and deletes the folders, so no broker or hub
 * outlives the build. Only what is registered here is ever touched.
 */
final class ChildProcesses {

    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();
    private static final Set<Path> FOLDERS = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(ChildProcesses::releaseAll, "testkit-child-reaper"));
    }

    private ChildProcesses() {
    }

    static Process register(Process process) {
        LIVE.add(process);
        process.onExit().thenAccept(LIVE::remove);
        return process;
    }

    /** A file or folder to delete at JVM exit unless {@link #deleteNow(Path)} deleted it before. */
    static Path deleteAtExit(Path path) {
        FOLDERS.add(path);
        return path;
    }

    static void deleteNow(Path path) {
        Directories.deleteQuietly(path);
        FOLDERS.remove(path);
    }

    private static void releaseAll() {
        for (Process process : LIVE) {
            if (process.isAlive()) {
                process.destroyForcibly();
            }
        }
        for (Process process : LIVE) {
            // a killed process may still hold files in its folder for a moment
            process.onExit().orTimeout(5, TimeUnit.SECONDS).exceptionally(e -> null).join();
        }
        FOLDERS.forEach(Directories::deleteQuietly);
    }
}
