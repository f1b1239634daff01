package io.tributary.lake.storage;

import java.util.Objects;

/**
 * A written, durable, not yet visible file. It is recorded in commit manifests, so both parts are
 * plain strings.
 *
 * @param path  the target path, relative to the lake root
 * @param token what the backend needs to publish or discard it: a temporary file name, a multipart
 *              upload id, a block-id prefix, a staging object name. Opaque to everyone else.
 */
public record StagedFile(String path, String token) {

    public StagedFile {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(token, "token");
    }
}
