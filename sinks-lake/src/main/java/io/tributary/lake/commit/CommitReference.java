package io.tributary.lake.commit;

import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;

/**
 * The reference from a committed Kafka offset to its commit manifest, kept in the offset's
 * metadata: {@code tributary:v1:<commit id>}, far below Kafka's default 4096-byte metadata limit.
 */
public final class CommitReference {

    private static final String PREFIX = "tributary:v1:";
    private static final Pattern COMMIT_ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private CommitReference() {
    }

    public static String metadata(String commitId) {
        return PREFIX + commitId;
    }

    /** The commit id a committed offset refers to; empty for none, another writer's or an operator's reset. */
    public static Optional<String> commitId(OffsetAndMetadata committed) {
        if (committed == null || committed.metadata() == null || !committed.metadata().startsWith(PREFIX)) {
            return Optional.empty();
        }
        String id = committed.metadata().substring(PREFIX.length());
        return COMMIT_ID.matcher(id).matches() ? Optional.of(id) : Optional.empty();
    }
}
