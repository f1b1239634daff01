package io.tributary.spec;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Byte sizes with decimal (KB, MB, GB) or binary (KiB, MiB, GiB) units; a bare number is bytes. */
public final class ByteSizes {

    static final String PATTERN = "[0-9]+ ?([KMGkmg]i?[Bb])?";
    private static final Pattern SHAPE = Pattern.compile("([0-9]+) ?([KMG]I?B)?");

    private ByteSizes() {
    }

    public static long parse(String upperCaseText) {
        Matcher m = SHAPE.matcher(upperCaseText);
        if (!m.matches()) {
            throw new IllegalArgumentException("expected a size such as 64KB, 128MB or 1GiB, found '" + upperCaseText + "'");
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "B" : m.group(2);
        long factor = switch (unit) {
            case "KB" -> 1_000L;
            case "MB" -> 1_000_000L;
            case "GB" -> 1_000_000_000L;
            case "KIB" -> 1L << 10;
            case "MIB" -> 1L << 20;
            case "GIB" -> 1L << 30;
            default -> 1L;
        };
        return Math.multiplyExact(n, factor);
    }

    public static String format(long bytes) {
        if (bytes > 0 && bytes % 1_000_000_000L == 0) {
            return bytes / 1_000_000_000L + "GB";
        }
        if (bytes > 0 && bytes % 1_000_000L == 0) {
            return bytes / 1_000_000L + "MB";
        }
        if (bytes > 0 && bytes % 1_000L == 0) {
            return bytes / 1_000L + "KB";
        }
        return Long.toString(bytes);
    }
}
