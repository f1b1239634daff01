package io.tributary.lake.storage.azure;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * Block ids of one pending file: its token and the block's index, Base64-encoded. Azure wants every
 * block id of a blob to have the same length, so the index has a fixed width (a blob holds at most
 * 50,000 committed blocks).
 */
final class BlockIds {

    private static final int INDEX_DIGITS = 6;

    private BlockIds() {
    }

    static String of(String token, int index) {
        String raw = token + String.format("%0" + INDEX_DIGITS + "d", index);
        return Base64.getEncoder().encodeToString(raw.getBytes(StandardCharsets.US_ASCII));
    }

    /** The token a block id belongs to, if it is one of ours. */
    static Optional<String> tokenOf(String blockId) {
        String raw = decode(blockId);
        return raw.length() == 16 + INDEX_DIGITS ? Optional.of(raw.substring(0, 16)) : Optional.empty();
    }

    static int indexOf(String blockId) {
        return Integer.parseInt(decode(blockId).substring(16));
    }

    private static String decode(String blockId) {
        try {
            return new String(Base64.getDecoder().decode(blockId), StandardCharsets.US_ASCII);
        } catch (IllegalArgumentException notBase64) {
            return "";
        }
    }
}
