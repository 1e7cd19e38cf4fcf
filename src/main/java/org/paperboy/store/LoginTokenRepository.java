package org.paperboy.store;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Single-use sign-in links: the store keeps only the digest of each token, with the address it
 * was sent to, where to go after signing in, and its expiry. Redeeming is one conditional update,
 * so two clicks on the same link sign in at most once.
 */
public final class LoginTokenRepository {

    /** A redeemed link: the address it was sent to and the local path to continue at (or null). */
    public record Redeemed(String email, String nextPath) {}

    private final Database db;
    private final Clock clock;

    public LoginTokenRepository(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** Makes a token for {@code email} valid for {@code ttl} and returns it (to be mailed, never stored). */
    public String create(String email, String nextPath, Duration ttl) {
        String token = Secrets.newToken();
        long now = clock.instant().getEpochSecond();
        db.withHandle(h -> h.createUpdate("INSERT INTO login_tokens (token_hash, email, next_path, created_at, "
                        + "expires_at) VALUES (:hash, :email, :next, :now, :expires)")
                .bind("hash", Secrets.hash(token))
                .bind("email", email)
                .bind("next", nextPath)
                .bind("now", now)
                .bind("expires", now + ttl.toSeconds())
                .execute());
        return token;
    }

    /** Uses up {@code token}: present only when it exists, is unexpired and was not used before. */
    public Optional<Redeemed> redeem(String token) {
        String hash = Secrets.hash(token);
        long now = clock.instant().getEpochSecond();
        return db.inTransaction(h -> {
            if (!Secrets.useOnce(h, "login_tokens", hash, now)) {
                return Optional.empty();
            }
            return h.createQuery("SELECT email, next_path FROM login_tokens WHERE token_hash = :hash")
                    .bind("hash", hash)
                    .map((rs, ctx) -> new Redeemed(rs.getString(1), rs.getString(2)))
                    .findOne();
        });
    }

    /** Deletes tokens that expired before {@code olderThan} ago; returns how many. */
    public int purgeExpired(Duration olderThan) {
        long cutoff = clock.instant().minus(olderThan).getEpochSecond();
        return db.withHandle(h -> h.createUpdate("DELETE FROM login_tokens WHERE expires_at < :cutoff")
                .bind("cutoff", cutoff)
                .execute());
    }
}
