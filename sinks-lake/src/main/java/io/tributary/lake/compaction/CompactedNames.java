package io.tributary.lake.compaction;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Names of merged files: {@code compacted-<first input's name stem>-<16 hex>.parquet}, e.g.
 * {@code compacted-telemetry+0+00000000000000001000-0123456789abcdef.parquet}. The hex part is a hash
 * of the merged inputs' names and sizes, so the name is deterministic for its inputs and differs for
 * different inputs: a reader holding an old listing never opens a different file under a name it
 * listed. Never a sink name ({@code <topic>+<partition>+<20 digits>[+<attempt>].parquet}: the third
 * part of ours has a '-'), and never hidden, so the sink's recovery, which only looks at hidden staging
 * files named after its own partitions, never takes one for its own.
 */
final class CompactedNames {

    static final String PREFIX = "compacted-";
    private static final String SUFFIX = ".parquet";
    private static final Pattern COMPACTED = Pattern.compile("compacted-(.+)-[0-9a-f]{16}\\.parquet");

    private CompactedNames() {
    }

    /** A visible data file as Hive-style readers and {@code **}/{@code *.parquet} globs see it. */
    static boolean isDataFile(String name) {
        return name.endsWith(SUFFIX) && !name.startsWith(".") && !name.startsWith("_");
    }

    /** @param inputs the merged files' names and sizes, in merge order */
    static String merged(List<String> names, List<Long> sizes) {
        String first = names.get(0);
        Matcher compacted = COMPACTED.matcher(first);
        String stem = compacted.matches() ? compacted.group(1) : first.substring(0, first.length() - SUFFIX.length());
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (int i = 0; i < names.size(); i++) {
                digest.update((names.get(i) + "\n" + sizes.get(i) + "\n").getBytes(StandardCharsets.UTF_8));
            }
            return PREFIX + stem + "-" + HexFormat.of().formatHex(digest.digest(), 0, 8) + SUFFIX;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
