package sadtalker.server;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The optional API key of the POST and GET job routes ({@code Authorization: Bearer KEY}). Compared
 * in constant time, on SHA-256 digests so that not even the key's length leaks through timing.
 */
final class ApiKey {
    private final byte[] digest;

    /** @param key the key, or null/blank for none (every request passes) */
    ApiKey(String key) {
        this.digest = key == null || key.isBlank() ? null : sha256(key);
    }

    boolean required() {
        return digest != null;
    }

    /** True if no key is configured, or {@code authorization} is {@code Bearer <the key>}. */
    boolean admits(String authorization) {
        if (digest == null) {
            return true;
        }
        String prefix = "Bearer ";
        String given = authorization != null && authorization.regionMatches(true, 0, prefix, 0, prefix.length())
                ? authorization.substring(prefix.length()).trim() : "";
        return MessageDigest.isEqual(digest, sha256(given));
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }
}
