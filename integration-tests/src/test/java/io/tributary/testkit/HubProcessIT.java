package io.tributary.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HubProcessIT {

    private static final Duration START = Duration.ofSeconds(20);

    @TempDir
    Path tmp;

    @Test
    void runsTheMainClassOnThisClassPathWithArgumentsAndEnvironment() throws Exception {
        try (HubProcess hub = fakeHub("run", "--config", "some dir").start()) {
            hub.waitForLog(FakeHub.READY, START);

            assertThat(hub.log())
                    .contains("pid=" + hub.pid())
                    .contains("args=run,--config,some dir")
                    .contains(FakeHub.GREETING_VARIABLE + "=hello");
            assertThat(hub.logFile()).isEqualTo(tmp.resolve("hub.log"));
        }
    }

    @Test
    void stopSendsSigtermSoShutdownHooksRun() throws Exception {
        try (HubProcess hub = fakeHub().start()) {
            hub.waitForLog(FakeHub.READY, START);

            int exitCode = hub.stop();

            assertThat(exitCode).isEqualTo(HubProcess.EXIT_SIGTERM);
            assertThat(hub.log()).contains(FakeHub.HOOK_RAN);
        }
    }

    @Test
    void kill9SendsSigkillSoNoShutdownHookRuns() throws Exception {
        try (HubProcess hub = fakeHub().start()) {
            hub.waitForLog(FakeHub.READY, START);
            long pid = hub.pid();

            int exitCode = hub.kill9();

            assertThat(exitCode).isEqualTo(HubProcess.EXIT_SIGKILL);
            assertThat(hub.isAlive()).isFalse();
            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
            // give a hook that (wrongly) ran a moment to reach the log
            Thread.sleep(200);
            assertThat(hub.log()).doesNotContain(FakeHub.HOOK_RAN);
        }
    }

    @Test
    void waitForLogFailsFastWithTheLogWhenTheProcessExits() throws Exception {
        try (HubProcess hub = fakeHub("exit", "3").start()) {
            long start = System.nanoTime();

            assertThatThrownBy(() -> hub.waitForLog("never printed", Duration.ofSeconds(60)))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("exited with code 3")
                    .hasMessageContaining("fake hub: exiting with 3");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
        }
    }

    @Test
    void waitForLogGivesUpAfterTheTimeout() throws Exception {
        try (HubProcess hub = fakeHub().start()) {
            hub.waitForLog(FakeHub.READY, START);

            assertThatThrownBy(() -> hub.waitForLog("never printed", Duration.ofMillis(300)))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("within 300 ms")
                    .hasMessageContaining(FakeHub.READY);
        }
    }

    @Test
    void readsOnlyItsOwnOutputFromASharedLogFile() throws Exception {
        try (HubProcess first = fakeHub("first").start()) {
            first.waitForLog(FakeHub.READY, START);
            first.stop();
        }
        try (HubProcess second = fakeHub("second").start()) {
            second.waitForLog(FakeHub.READY, START);

            assertThat(second.log()).contains("args=second").doesNotContain("args=first");
        }
    }

    @Test
    void runsTheHubCliItself() throws Exception {
        try (HubProcess hub = HubProcess.hub("--help").log(tmp.resolve("cli.log")).start()) {
            int exitCode = hub.waitForExit(START);

            assertThat(exitCode).as(hub.logTail()).isZero();
            assertThat(hub.log()).contains("Usage: tributary");
        }
    }

    private HubProcess.Builder fakeHub(String... args) {
        return HubProcess.mainClass(FakeHub.class.getName(), args)
                .env(FakeHub.GREETING_VARIABLE, "hello")
                .jvmArg("-Xmx64m")
                .log(tmp.resolve("hub.log"));
    }
}
