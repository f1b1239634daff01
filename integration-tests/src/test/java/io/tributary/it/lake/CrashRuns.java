package io.tributary.it.lake;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.testkit.HubProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The steps the lake's kill-and-restart tests share, whatever the table format or storage: a sink
 * process killed after a delay or halted at a crash point, the last run that must finish cleanly,
 * and the logs of all runs. Each returns or records what happened, for the test's summary line.
 */
public final class CrashRuns {

    /** What the last run waits for while the sink runs (records to finish flowing, the lake to catch up). */
    @FunctionalInterface
    public interface Step {
        void run() throws Exception;
    }

    private CrashRuns() {
    }

    /** SIGKILLs the sink after {@code millis}; returns the kill's description. */
    public static String killAfter(HubProcess sink, long millis) throws InterruptedException {
        TimeUnit.MILLISECONDS.sleep(millis);
        assertThat(sink.kill9()).isEqualTo(HubProcess.EXIT_SIGKILL);
        return "SIGKILL after " + millis + " ms";
    }

    /**
     * Waits for a sink started with {@code -Dtributary.lake.crashAt=<crashPoint>} to halt itself there;
     * kills it if the point is not reached in 30 s; fails if it exited any other way.
     */
    public static String haltOrKill(HubProcess sink, String crashPoint) throws InterruptedException {
        int exit = sink.waitForExit(Duration.ofSeconds(30));
        String point = crashPoint.substring(0, crashPoint.indexOf('@'));
        if (exit == 137 && sink.log().contains("Test crash point '" + point)) {
            return "halt at " + crashPoint;
        }
        assertThat(sink.isAlive()).as("sink exited with %d before %s: %s", exit, crashPoint, sink.logTail()).isTrue();
        sink.kill9();
        return "SIGKILL (" + crashPoint + " not reached in 30 s)";
    }

    /** Runs the sink until {@code caughtUp} returns, then stops it: it must stop cleanly, never having failed. */
    public static void lastRun(HubProcess.Builder builder, Step caughtUp) throws Exception {
        try (HubProcess last = builder.start()) {
            last.waitForLog(LakeSinkProcess.RUNNING, Duration.ofSeconds(60));
            caughtUp.run();
            assertThat(last.stop()).isEqualTo(HubProcess.EXIT_SIGTERM);
            assertThat(last.log()).contains("lake sink stopped").doesNotContain("lake sink failed");
        }
    }

    /** The logs of every sink run, {@code sink-*} in {@code folder}, concatenated. */
    public static String sinkLogs(Path folder) throws IOException {
        StringBuilder all = new StringBuilder();
        try (var logs = Files.list(folder)) {
            for (Path log : logs.filter(p -> p.getFileName().toString().startsWith("sink-")).toList()) {
                all.append(Files.readString(log));
            }
        }
        return all.toString();
    }
}
