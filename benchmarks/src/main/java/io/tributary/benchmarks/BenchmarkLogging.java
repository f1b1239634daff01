package io.tributary.benchmarks;

/**
 * Points Logback at this module's quiet configuration. Other jars on the class path (HiveMQ, the
 * hub) bring their own {@code logback.xml}; naming ours explicitly avoids the ambiguity. Must run
 * before the first logger is created, so it is the first call of every {@code main}.
 */
final class BenchmarkLogging {

    private static final String PROPERTY = "logback.configurationFile";

    private BenchmarkLogging() {
    }

    static void init() {
        if (System.getProperty(PROPERTY) == null) {
            System.setProperty(PROPERTY, "benchmark-logback.xml");
        }
    }
}
