package io.tributary.lake.file;

import java.util.Locale;

/**
 * Names of data files. A final name depends only on the topic, the Kafka partition and the first
 * offset written into the file, so a file's name says which records it starts with, and a name is
 * never shared by two committed files (an offset is committed in one file only).
 */
public final class FileNamer {

    private static final String SUFFIX = ".parquet";

    private FileNamer() {
    }

    /** {@code <topic>+<partition>+<first offset, 20 digits>.parquet}; '+' never occurs in topic names. */
    public static String finalName(String topic, int partition, long firstOffset) {
        if (partition < 0 || firstOffset < 0) {
            throw new IllegalArgumentException("partition " + partition + " and offset " + firstOffset
                    + " must not be negative");
        }
        return topic + "+" + partition + "+" + String.format(Locale.ROOT, "%020d", firstOffset) + SUFFIX;
    }

    /**
     * {@code <topic>+<partition>+<first offset, 20 digits>+<attempt>.parquet}: for tables whose files are
     * published before their commit (Iceberg), where a fenced writer's publish must never replace a file a
     * commit of the partition's new owner refers to.
     */
    public static String attemptName(String topic, int partition, long firstOffset, String attempt) {
        if (!attempt.matches("[a-z0-9]{1,32}")) {
            throw new IllegalArgumentException("attempt id '" + attempt + "' must be 1 to 32 of a-z, 0-9");
        }
        String name = finalName(topic, partition, firstOffset);
        return name.substring(0, name.length() - SUFFIX.length()) + "+" + attempt + SUFFIX;
    }
}
