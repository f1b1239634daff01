package io.tributary.testkit;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The processes this test JVM started through the kit. If the JVM ends without the tests
 * stopping them (a crash, an interrupted build), a shutdown hook kills them by their handle,
 * so no broker or hub outlives the build. Only processes registered here are ever touched.
 */
final class ChildProcesses {

    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(ChildProcesses::killAll, "testkit-child-reaper"));
    }

    private ChildProcesses() {
    }

    static Process register(Process process) {
        LIVE.add(process);
        process.onExit().thenAccept(LIVE::remove);
        return process;
    }

    private static void killAll() {
        for (Process process : LIVE) {
            if (process.isAlive()) {
                process.destroyForcibly();
            }
        }
    }
}
