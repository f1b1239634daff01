package io.tributary.testkit;

import java.time.Duration;

/**
 * Stands in for the hub in {@link HubProcessIT}: prints what it was started with, reports its
 * shutdown hook, and otherwise waits (at most five minutes, so it can never linger).
 */
public final class FakeHub {

    static final String READY = "fake hub: ready";
    static final String HOOK_RAN = "fake hub: shutdown hook ran";
    static final String GREETING_VARIABLE = "FAKE_HUB_GREETING";

    private FakeHub() {
    }

    public static void main(String[] args) throws InterruptedException {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> System.out.println(HOOK_RAN)));
        System.out.println("fake hub: pid=" + ProcessHandle.current().pid() + " args=" + String.join(",", args)
                + " " + GREETING_VARIABLE + "=" + System.getenv(GREETING_VARIABLE));
        if (args.length == 2 && args[0].equals("exit")) {
            System.out.println("fake hub: exiting with " + args[1]);
            System.exit(Integer.parseInt(args[1]));
        }
        System.out.println(READY);
        Thread.sleep(Duration.ofMinutes(5).toMillis());
    }
}
