package io.tributary.lake.commit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * TEST-ONLY: halts the JVM (no shutdown hooks, like SIGKILL) at a named point of the commit
 * protocol, so crash tests hit each window deterministically. Public for the table committers of
 * other packages (the Iceberg committer has points of its own). Set
 * {@code -Dtributary.lake.crashAt=<point>[@<n>]} to halt the n-th time (default: first) the point
 * is reached: {@code after-stage} (files staged, no manifest yet), {@code after-manifest}
 * (manifest written, offsets not committed), {@code after-commit} (offsets committed, nothing
 * published), {@code mid-publish} (after the first file of a commit was published); for Iceberg tables
 * {@code iceberg-before-commit} (batches staged, nothing published), {@code iceberg-after-publish} (data
 * files in the table's folders, no snapshot refers to them) and {@code iceberg-after-commit} (snapshot
 * committed, the group's offsets not).
 *
 * <p>{@code -Dtributary.lake.pauseAt=<point>[@<n>]} instead logs {@code Test pause point '<point>'
 * reached} and sleeps {@value #PAUSE_MILLIS} ms there once, so that a test can freeze the process
 * (SIGSTOP) at exactly that point. Unset in production: every call then compares two strings.
 */
public final class CrashPoints {

    private static final Logger LOG = LoggerFactory.getLogger(CrashPoints.class);
    private static final String PROPERTY = "tributary.lake.crashAt";
    private static final String PAUSE_PROPERTY = "tributary.lake.pauseAt";
    private static final int HALT_STATUS = 137;
    static final long PAUSE_MILLIS = 3_000;

    private static final String[] CRASH = parse(System.getProperty(PROPERTY, ""));
    private static final String[] PAUSE = parse(System.getProperty(PAUSE_PROPERTY, ""));
    private static int crashReached;
    private static int pauseReached;

    /** {point, n}. */
    private static String[] parse(String value) {
        String trimmed = value.trim();
        int at = trimmed.indexOf('@');
        return at < 0 ? new String[] {trimmed, "1"} : new String[] {trimmed.substring(0, at), trimmed.substring(at + 1)};
    }

    private CrashPoints() {
    }

    public static void reached(String point) {
        if (CRASH[0].isEmpty() || !CRASH[0].equals(point)) {
            return;
        }
        if (++crashReached >= Integer.parseInt(CRASH[1])) {
            LOG.warn("Test crash point '{}' reached: halting the JVM", point);
            System.out.flush();
            Runtime.getRuntime().halt(HALT_STATUS);
        }
    }

    public static void pause(String point) {
        if (PAUSE[0].isEmpty() || !PAUSE[0].equals(point)) {
            return;
        }
        if (++pauseReached == Integer.parseInt(PAUSE[1])) {
            LOG.warn("Test pause point '{}' reached: sleeping {} ms", point, PAUSE_MILLIS);
            try {
                Thread.sleep(PAUSE_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
