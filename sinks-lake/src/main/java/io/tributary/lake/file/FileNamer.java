package io.tributary.lake.file;

import java.util.Locale;

/**
 * Names of data files. A final name depends only on the topic, the Kafka partition and the first
 * offset written into the file, so a replay from the same committed offset writes the same names
 * and replaces files whose offsets were never committed.
 */
public final class FileNamer {

    private static final String SUFFIX = ".parquet";
    private static final String TEMP_SUFFIX = ".parquet.tmp";

    private FileNamer() {
    }

    /** {@code <topic>+<partition>+<first offset, 20 digits>.parquet}; '+' never occurs in topic names. */
    public static String finalName(String topic, int partition, long firstOffset) {
        if (partition < 0 || firstOffset < 0) {
            throw new IllegalArgumentException("partition " + partition + " and offset " + firstOffset
                    + " must not be negative");
        }
        return prefix(topic, partition) + String.format(Locale.ROOT, "%020d", firstOffset) + SUFFIX;
    }

    /**
     * The name a file is written under until it is complete: hidden, and not matched by
     * {@code *.parquet} globs, so readers never see a half-written file.
     */
    public static String tempName(String finalName) {
        return "." + finalName + ".tmp";
    }

    /** Whether {@code fileName} is a temporary file of that topic partition (any first offset). */
    public static boolean isTempFileOf(String fileName, String topic, int partition) {
        return fileName.startsWith("." + prefix(topic, partition)) && fileName.endsWith(TEMP_SUFFIX);
    }

    private static String prefix(String topic, int partition) {
        return topic + "+" + partition + "+";
    }
}
