package io.tributary.lake.iceberg;

import org.apache.kafka.common.TopicPartition;

/** Which Kafka partition a data file (or its staging leftover) belongs to, from its name {@code <topic>+<partition>+...}. */
final class DataFileNames {

    private DataFileNames() {
    }

    static boolean isOf(String path, TopicPartition partition) {
        String name = path.substring(path.lastIndexOf('/') + 1);
        if (name.startsWith(".")) {
            name = name.substring(1);
        }
        return name.startsWith(partition.topic() + "+" + partition.partition() + "+");
    }
}
