package org.paperboy.store;

import java.time.Clock;
import java.util.Optional;

/**
 * Per-reader settings of the "for you" feed and the stored model: the blend with recency and
 * popularity, the private Atom feed token (kept as its SHA-256, revocable), and the model's bytes
 * with the signals version it was trained at.
 */
public final class ForYouRepository {

    /** The blend of a reader who never set one: mostly the model, a little popularity. */
    public static final double DEFAULT_BLEND = 0.2;

    /** A stored model and the signals version it was trained at. */
    public record StoredModel(long signalsVersion, byte[] bytes) {}

    private final Database db;
    private final Clock clock;

    public ForYouRepository(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** The reader's blend: 0 ranks by the model only, 1 by recency and popularity only. */
    public double blend(long userId) {
        return db.withHandle(h -> h.createQuery("SELECT blend FROM for_you_settings WHERE user_id = :user")
                .bind("user", userId)
                .mapTo(Double.class)
                .findOne()
                .orElse(DEFAULT_BLEND));
    }

    /** Sets the blend, which must lie in [0, 1]. */
    public void setBlend(long userId, double blend) {
        if (!(blend >= 0 && blend <= 1)) {
            throw new IllegalArgumentException("blend: " + blend + " is not between 0 and 1");
        }
        db.withHandle(h -> h.createUpdate("INSERT INTO for_you_settings (user_id, blend) VALUES (:user, :blend) "
                        + "ON CONFLICT (user_id) DO UPDATE SET blend = :blend")
                .bind("user", userId)
                .bind("blend", blend)
                .execute());
    }

    /** Makes a new private feed token, replacing (and so revoking) any earlier one; shown once. */
    public String newFeedToken(long userId) {
        String token = "pbf_" + Secrets.newToken();
        db.withHandle(
                h -> h.createUpdate("INSERT INTO for_you_settings (user_id, feed_token_hash) VALUES (:user, :hash) "
                                + "ON CONFLICT (user_id) DO UPDATE SET feed_token_hash = :hash")
                        .bind("user", userId)
                        .bind("hash", Secrets.hash(token))
                        .execute());
        return token;
    }

    /** Revokes the private feed token: its feed answers 403 from now on. */
    public void revokeFeedToken(long userId) {
        db.withHandle(h -> h.createUpdate("UPDATE for_you_settings SET feed_token_hash = NULL WHERE user_id = :user")
                .bind("user", userId)
                .execute());
    }

    /** Whether the reader has a private feed token now. */
    public boolean hasFeedToken(long userId) {
        return db.withHandle(h -> h.createQuery(
                                "SELECT COUNT(*) FROM for_you_settings WHERE user_id = :user AND feed_token_hash IS NOT NULL")
                        .bind("user", userId)
                        .mapTo(Integer.class)
                        .one())
                > 0;
    }

    /** The account whose private feed token is {@code token}, if it is current. */
    public Optional<Long> userOfFeedToken(String token) {
        return db.withHandle(h -> h.createQuery("SELECT user_id FROM for_you_settings WHERE feed_token_hash = :hash")
                .bind("hash", Secrets.hash(token))
                .mapTo(Long.class)
                .findOne());
    }

    /** The reader's stored model, if one was trained. */
    public Optional<StoredModel> model(long userId) {
        return db.withHandle(h -> h.createQuery("SELECT signals_version, model FROM user_models WHERE user_id = :user")
                .bind("user", userId)
                .map((rs, ctx) -> new StoredModel(rs.getLong(1), rs.getBytes(2)))
                .findOne());
    }

    /** Stores the model trained at {@code signalsVersion}, replacing the reader's earlier one. */
    public void storeModel(long userId, long signalsVersion, byte[] bytes) {
        db.withHandle(h -> h.createUpdate("INSERT INTO user_models (user_id, signals_version, model, trained_at) "
                        + "VALUES (:user, :version, :model, :now) ON CONFLICT (user_id) DO UPDATE "
                        + "SET signals_version = :version, model = :model, trained_at = :now")
                .bind("user", userId)
                .bind("version", signalsVersion)
                .bind("model", bytes)
                .bind("now", clock.instant().toString())
                .execute());
    }
}
