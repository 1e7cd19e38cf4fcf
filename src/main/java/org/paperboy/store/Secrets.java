package org.paperboy.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import org.jdbi.v3.core.Handle;

/**
 * Random secrets (sign-in links, session cookies, API tokens) and the digests the store keeps of
 * them: a database leak reveals no usable secret. 32 random bytes, URL-safe Base64 without padding.
 */
public final class Secrets {

    private static final SecureRandom RANDOM = new SecureRandom();

    private Secrets() {}

    /** A new random secret of 43 URL-safe characters (256 bits). */
    public static String newToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The SHA-256 hex digest of {@code secret}, as stored. */
    public static String hash(String secret) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    /**
     * Marks the single-use token with digest {@code hash} in {@code table} (a constant: columns
     * token_hash, used_at, expires_at in epoch seconds) as used; true only when it existed, had not
     * expired and was not used before. One conditional update, so two uses race safely.
     */
    static boolean useOnce(Handle h, String table, String hash, long now) {
        return h.createUpdate("UPDATE " + table + " SET used_at = :now "
                                + "WHERE token_hash = :hash AND used_at IS NULL AND expires_at > :now")
                        .bind("now", now)
                        .bind("hash", hash)
                        .execute()
                == 1;
    }
}
