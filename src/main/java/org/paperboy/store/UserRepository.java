package org.paperboy.store;

import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** Accounts and their API tokens (stored as digests: a token is shown once, when made). */
public final class UserRepository {

    private static final String COLUMNS = "id, email, created_at, api_token_hash";

    private final Database db;
    private final Clock clock;

    public UserRepository(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** The account of {@code email} (any case), made on first sign-in; records the sign-in time. */
    public User signIn(String email) {
        String key = email.strip().toLowerCase(Locale.ROOT);
        String now = clock.instant().toString();
        // One statement, so two first sign-ins of one address at once make one account.
        return db.inTransaction(h -> {
            h.createUpdate("INSERT INTO users (email, created_at, last_login_at) VALUES (:email, :now, :now) "
                            + "ON CONFLICT (email) DO UPDATE SET last_login_at = :now")
                    .bind("email", key)
                    .bind("now", now)
                    .execute();
            return byEmail(h, key).orElseThrow();
        });
    }

    public Optional<User> find(long id) {
        return db.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM users WHERE id = :id")
                .bind("id", id)
                .map((rs, ctx) -> read(rs))
                .findOne());
    }

    public Optional<User> findByEmail(String email) {
        return db.withHandle(h -> byEmail(h, email.strip().toLowerCase(Locale.ROOT)));
    }

    /** The account whose API token is {@code token}, if any. */
    public Optional<User> findByApiToken(String token) {
        return db.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM users WHERE api_token_hash = :hash")
                .bind("hash", Secrets.hash(token))
                .map((rs, ctx) -> read(rs))
                .findOne());
    }

    /** Makes a new API token for the account, replacing any earlier one, and returns it (shown once). */
    public String newApiToken(long userId) {
        String token = "pb_" + Secrets.newToken();
        db.withHandle(h -> h.createUpdate("UPDATE users SET api_token_hash = :hash WHERE id = :id")
                .bind("hash", Secrets.hash(token))
                .bind("id", userId)
                .execute());
        return token;
    }

    /** Revokes the account's API token. */
    public void revokeApiToken(long userId) {
        db.withHandle(h -> h.createUpdate("UPDATE users SET api_token_hash = NULL WHERE id = :id")
                .bind("id", userId)
                .execute());
    }

    public long count() {
        return db.withHandle(h ->
                h.createQuery("SELECT COUNT(*) FROM users").mapTo(Long.class).one());
    }

    /** An account as the admin overview lists it: no token or digest of one. {@code lastSignIn} may be null. */
    public record SignUp(String email, Instant createdAt, Instant lastSignIn) {}

    /** The {@code limit} newest accounts, newest first. */
    public java.util.List<SignUp> newest(int limit) {
        return db.withHandle(h -> h.createQuery(
                        "SELECT email, created_at, last_login_at FROM users ORDER BY id DESC LIMIT :limit")
                .bind("limit", limit)
                .map((rs, ctx) -> new SignUp(
                        rs.getString(1),
                        Instant.parse(rs.getString(2)),
                        rs.getString(3) == null ? null : Instant.parse(rs.getString(3))))
                .list());
    }

    private static Optional<User> byEmail(Handle h, String email) {
        return h.createQuery("SELECT " + COLUMNS + " FROM users WHERE email = :email")
                .bind("email", email)
                .map((rs, ctx) -> read(rs))
                .findOne();
    }

    private static User read(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new User(
                rs.getLong("id"),
                rs.getString("email"),
                Instant.parse(rs.getString("created_at")),
                rs.getString("api_token_hash") != null);
    }
}
