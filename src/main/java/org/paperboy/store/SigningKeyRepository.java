package org.paperboy.store;

import java.time.Clock;
import java.util.Base64;

/**
 * Secret keys kept in the database, one per purpose, made at random on first use. Two processes
 * asking at once for a new purpose agree on one key (the first insert wins). The key signs links
 * (it is not a password digest), so the database holds it in the clear; whoever can read the
 * database can already change what the links protect.
 */
public final class SigningKeyRepository {

    private final Database db;
    private final Clock clock;

    public SigningKeyRepository(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** The 256-bit key of {@code purpose}, made now if there is none yet. */
    public byte[] key(String purpose) {
        String secret = db.inTransaction(h -> {
            h.createUpdate("INSERT INTO signing_keys (purpose, secret, created_at) VALUES (:purpose, :secret, :now) "
                            + "ON CONFLICT DO NOTHING")
                    .bind("purpose", purpose)
                    .bind("secret", Secrets.newToken())
                    .bind("now", clock.instant().toString())
                    .execute();
            return h.createQuery("SELECT secret FROM signing_keys WHERE purpose = :purpose")
                    .bind("purpose", purpose)
                    .mapTo(String.class)
                    .one();
        });
        return Base64.getUrlDecoder().decode(secret);
    }
}
