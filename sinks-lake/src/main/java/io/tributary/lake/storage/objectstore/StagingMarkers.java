package io.tributary.lake.storage.objectstore;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Names of the per-file staging records that object stores without an invisible upload of their
 * own keep under {@code <prefix>/_tributary/staging/<token>}: they make an open or staged file
 * listable ({@code listStaged}) and let a discard revoke a file that a zombie is still writing.
 * The target path travels in the object's metadata, percent-encoded because metadata values are
 * HTTP header values.
 */
public final class StagingMarkers {

    /** Relative to the lake prefix; {@code list} hides it. */
    public static final String FOLDER = "_tributary/staging/";
    public static final String TARGET_METADATA = "tributarytarget";

    private static final SecureRandom RANDOM = new SecureRandom();

    private StagingMarkers() {
    }

    /** A fresh random token: 16 hex digits, the same length every time (Azure block ids need that). */
    public static String newToken() {
        byte[] bytes = new byte[8];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** The lake path of a token's marker. */
    public static String markerPath(String token) {
        if (!token.matches("[0-9a-f]{16}")) {
            throw new IllegalArgumentException("'" + token + "' is not a staging token of this storage");
        }
        return FOLDER + token;
    }

    public static boolean isMarker(String path) {
        return path.startsWith(FOLDER);
    }

    public static String tokenOf(String markerPath) {
        return markerPath.substring(FOLDER.length());
    }

    public static String encodeTarget(String path) {
        return URLEncoder.encode(path, StandardCharsets.UTF_8);
    }

    public static String decodeTarget(String encoded) {
        return URLDecoder.decode(encoded, StandardCharsets.UTF_8);
    }
}
