package org.paperboy.store;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/** Signed-in browser sessions: the cookie's token is random, the store keeps its digest. */
public final class SessionRepository {

    private final Database db;
    private final Clock clock;

    public SessionRepository(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** Starts a session for {@code userId} lasting {@code ttl}; returns the cookie token. */
    public String create(long userId, Duration ttl) {
        String token = Secrets.newToken();
        long now = clock.instant().getEpochSecond();
        db.withHandle(h -> h.createUpdate("INSERT INTO sessions (token_hash, user_id, created_at, expires_at) "
                        + "VALUES (:hash, :user, :now, :expires)")
                .bind("hash", Secrets.hash(token))
                .bind("user", userId)
                .bind("now", now)
                .bind("expires", now + ttl.toSeconds())
                .execute());
        return token;
    }

    /** The account signed in with {@code token}, when the session exists and has not expired. */
    public Optional<Long> userOf(String token) {
        return db.withHandle(
                h -> h.createQuery("SELECT user_id FROM sessions WHERE token_hash = :hash AND expires_at > :now")
                        .bind("hash", Secrets.hash(token))
                        .bind("now", clock.instant().getEpochSecond())
                        .mapTo(Long.class)
                        .findOne());
    }

    /** Ends the session of {@code token} (signing out); unknown tokens are ignored. */
    public void delete(String token) {
        db.withHandle(h -> h.createUpdate("DELETE FROM sessions WHERE token_hash = :hash")
                .bind("hash", Secrets.hash(token))
                .execute());
    }

    /** Deletes expired sessions; returns how many. */
    public int purgeExpired() {
        return db.withHandle(h -> h.createUpdate("DELETE FROM sessions WHERE expires_at <= :now")
                .bind("now", clock.instant().getEpochSecond())
                .execute());
    }
}
