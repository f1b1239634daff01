package io.tributary.lake.commit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Commit manifests as JSON:
 * <pre>{@code
 * {"version":1,"commitId":"…","topic":"telemetry","partition":3,"firstOffset":1000,"nextOffset":3000,
 *  "files":[{"path":"fleet/dt=2026-11-21/telemetry+3+00000000000000001000.parquet","token":"…","records":2000}]}
 * }</pre>
 * A manifest this version cannot read is an error, never skipped: skipping could drop committed rows.
 */
public final class ManifestCodec {

    static final int VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper();

    private ManifestCodec() {
    }

    public static byte[] encode(CommitManifest manifest) {
        ObjectNode root = JSON.createObjectNode();
        root.put("version", VERSION);
        root.put("commitId", manifest.commitId());
        root.put("topic", manifest.topic());
        root.put("partition", manifest.partition());
        root.put("firstOffset", manifest.firstOffset());
        root.put("nextOffset", manifest.nextOffset());
        ArrayNode files = root.putArray("files");
        for (CommitManifest.FileEntry file : manifest.files()) {
            files.addObject().put("path", file.path()).put("token", file.token()).put("records", file.records());
        }
        try {
            return JSON.writeValueAsBytes(root);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot encode commit manifest " + manifest.commitId(), e);
        }
    }

    /** @param where the manifest's path, for error messages */
    public static CommitManifest decode(byte[] bytes, String where) throws IOException {
        JsonNode root;
        try {
            root = JSON.readTree(bytes);
        } catch (IOException e) {
            throw new IOException("Commit manifest " + where + " is not valid JSON: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IOException("Commit manifest " + where + " is not a JSON object");
        }
        int version = required(root, "version", where).asInt();
        if (version != VERSION) {
            throw new IOException("Commit manifest " + where + " has version " + version + "; this hub reads version "
                    + VERSION + " only: finish it with the hub version that wrote it");
        }
        String commitId = required(root, "commitId", where).asText();
        String topic = required(root, "topic", where).asText();
        int partition = required(root, "partition", where).asInt();
        long firstOffset = required(root, "firstOffset", where).asLong();
        long nextOffset = required(root, "nextOffset", where).asLong();
        List<CommitManifest.FileEntry> files = new ArrayList<>();
        for (JsonNode file : required(root, "files", where)) {
            files.add(new CommitManifest.FileEntry(required(file, "path", where).asText(),
                    required(file, "token", where).asText(), required(file, "records", where).asLong()));
        }
        return new CommitManifest(commitId, topic, partition, firstOffset, nextOffset, files);
    }

    private static JsonNode required(JsonNode node, String field, String where) throws IOException {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new IOException("Commit manifest " + where + " has no '" + field + "'");
        }
        return value;
    }
}
