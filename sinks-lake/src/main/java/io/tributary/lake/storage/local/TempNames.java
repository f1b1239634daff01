package io.tributary.lake.storage.local;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Names of staging files: {@code .<target name>.<16 hex digits>.tmp} beside the target. Hidden
 * (leading dot) and not ending in {@code .parquet}, so globs such as {@code *.parquet} never match
 * them; the random part gives every writer its own file, so a zombie and the partition's new owner
 * never write into the same bytes.
 */
final class TempNames {

    private static final Pattern TEMP = Pattern.compile("\\.(.+)\\.[0-9a-f]{16}\\.tmp");
    private static final SecureRandom RANDOM = new SecureRandom();

    private TempNames() {
    }

    static String newTempName(String targetName) {
        byte[] id = new byte[8];
        RANDOM.nextBytes(id);
        return "." + targetName + "." + HexFormat.of().formatHex(id) + ".tmp";
    }

    /** The target file name of a staging file name, or empty when it is not one. */
    static Optional<String> targetOf(String tempName) {
        Matcher matcher = TEMP.matcher(tempName);
        return matcher.matches() ? Optional.of(matcher.group(1)) : Optional.empty();
    }
}
