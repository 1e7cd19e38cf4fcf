package org.paperboy.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.paperboy.store.Subscription.Alert;
import org.paperboy.store.Subscription.Frequency;
import org.paperboy.store.Subscription.Settings;
import org.paperboy.store.Subscription.Status;

/**
 * Digest subscriptions and the requests that wait for confirmation. A request is kept under the
 * digest of its mailed token until redeemed (once, before it expires); only then does the
 * address become a subscription. Only an address's newest link works: a new request, a
 * confirmation or an unsubscribe voids the earlier ones. Addresses are stored in lower case.
 */
public final class SubscriptionRepository {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String COLUMNS = "id, email, frequency, trending, categories, status, consecutive_failures";

    private final Database db;
    private final Clock clock;

    public SubscriptionRepository(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /**
     * Keeps {@code settings} until the returned token (to be mailed, never stored) is redeemed;
     * every earlier link of the address stops working (only the newest one counts).
     */
    public String request(Settings settings, Duration ttl) {
        String token = Secrets.newToken();
        long now = clock.instant().getEpochSecond();
        db.inTransaction(h -> {
            voidRequests(h, settings.email(), now);
            return h.createUpdate("INSERT INTO subscription_requests (token_hash, email, settings, created_at, "
                            + "expires_at) VALUES (:hash, :email, :settings, :now, :expires)")
                    .bind("hash", Secrets.hash(token))
                    .bind("email", settings.email())
                    .bind("settings", write(settings))
                    .bind("now", now)
                    .bind("expires", now + ttl.toSeconds())
                    .execute();
        });
        return token;
    }

    /** Uses up every unused confirmation link of {@code email}, so none of them can act any more. */
    private static void voidRequests(Handle h, String email, long now) {
        h.createUpdate("UPDATE subscription_requests SET used_at = :now WHERE email = :email AND used_at IS NULL")
                .bind("now", now)
                .bind("email", email)
                .execute();
    }

    /** Requests made for {@code email} within the last {@code window}, used or not. */
    public int recentRequests(String email, Duration window) {
        long since = clock.instant().minus(window).getEpochSecond();
        return db.withHandle(h -> h.createQuery(
                        "SELECT COUNT(*) FROM subscription_requests WHERE email = :email AND created_at > :since")
                .bind("email", email)
                .bind("since", since)
                .mapTo(Integer.class)
                .one());
    }

    /**
     * Uses up a request token and makes its settings the address's subscription (new, changed or
     * re-activated) in one transaction. Empty when the token is unknown, expired or used.
     */
    public Optional<Subscription> confirm(String token) {
        String hash = Secrets.hash(token);
        long now = clock.instant().getEpochSecond();
        return db.inTransaction(h -> {
            if (!Secrets.useOnce(h, "subscription_requests", hash, now)) {
                return Optional.empty();
            }
            String json = h.createQuery("SELECT settings FROM subscription_requests WHERE token_hash = :hash")
                    .bind("hash", hash)
                    .mapTo(String.class)
                    .one();
            Settings settings = read(json);
            voidRequests(h, settings.email(), now);
            return Optional.of(save(h, settings));
        });
    }

    /** Makes {@code settings} the active subscription of its address at once (the address is proven otherwise). */
    public Subscription activate(Settings settings) {
        return db.inTransaction(h -> save(h, settings));
    }

    private Subscription save(Handle h, Settings s) {
        String now = clock.instant().toString();
        Optional<Long> existing = h.createQuery("SELECT id FROM subscriptions WHERE email = :email")
                .bind("email", s.email())
                .mapTo(Long.class)
                .findOne();
        long id;
        if (existing.isPresent()) {
            id = existing.get();
            h.createUpdate("UPDATE subscriptions SET frequency = :frequency, trending = :trending, "
                            + "categories = :categories, status = 'active', confirmed_at = :now, changed_at = :now, "
                            + "consecutive_failures = 0, last_failure = NULL WHERE id = :id")
                    .bind("frequency", s.frequency().key())
                    .bind("trending", s.trending() ? 1 : 0)
                    .bind("categories", String.join(" ", s.categories()))
                    .bind("now", now)
                    .bind("id", id)
                    .execute();
            h.createUpdate("DELETE FROM subscription_alerts WHERE subscription_id = :id")
                    .bind("id", id)
                    .execute();
        } else {
            h.createUpdate("INSERT INTO subscriptions (email, frequency, trending, categories, status, created_at, "
                            + "confirmed_at, changed_at) VALUES (:email, :frequency, :trending, :categories, 'active', "
                            + ":now, :now, :now)")
                    .bind("email", s.email())
                    .bind("frequency", s.frequency().key())
                    .bind("trending", s.trending() ? 1 : 0)
                    .bind("categories", String.join(" ", s.categories()))
                    .bind("now", now)
                    .execute();
            id = h.createQuery("SELECT id FROM subscriptions WHERE email = :email")
                    .bind("email", s.email())
                    .mapTo(Long.class)
                    .one();
        }
        for (int i = 0; i < s.alerts().size(); i++) {
            Alert a = s.alerts().get(i);
            h.createUpdate("INSERT INTO subscription_alerts (subscription_id, position, query, category) "
                            + "VALUES (:id, :position, :query, :category)")
                    .bind("id", id)
                    .bind("position", i)
                    .bind("query", a.query())
                    .bind("category", a.category())
                    .execute();
        }
        return find(h, id).orElseThrow();
    }

    public Optional<Subscription> find(long id) {
        return db.withHandle(h -> find(h, id));
    }

    /** The subscription of {@code email} (any case), whatever its status. */
    public Optional<Subscription> findByEmail(String email) {
        return db.withHandle(h -> h.createQuery("SELECT id FROM subscriptions WHERE email = :email")
                .bind("email", email.strip().toLowerCase(Locale.ROOT))
                .mapTo(Long.class)
                .findOne()
                .flatMap(id -> find(h, id)));
    }

    /** Every active subscription, in id order, alerts included. */
    public List<Subscription> active() {
        return db.withHandle(h -> {
            Map<Long, List<Alert>> alerts = new HashMap<>();
            h.createQuery("SELECT a.subscription_id, a.query, a.category FROM subscription_alerts a "
                            + "JOIN subscriptions s ON s.id = a.subscription_id WHERE s.status = 'active' "
                            + "ORDER BY a.subscription_id, a.position")
                    .map((rs, ctx) -> {
                        alerts.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
                                .add(new Alert(rs.getString(2), rs.getString(3)));
                        return 0;
                    })
                    .list();
            return h.createQuery("SELECT " + COLUMNS + " FROM subscriptions WHERE status = 'active' ORDER BY id")
                    .map((rs, ctx) -> subscription(rs, alerts.getOrDefault(rs.getLong("id"), List.of())))
                    .list();
        });
    }

    /**
     * Ends the subscription and voids every confirmation link of its address, so only a fresh
     * request can start it again; true when it was active or bouncing, false when unknown or already ended.
     */
    public boolean unsubscribe(long id) {
        return db.inTransaction(h -> {
            h.createQuery("SELECT email FROM subscriptions WHERE id = :id")
                    .bind("id", id)
                    .mapTo(String.class)
                    .findOne()
                    .ifPresent(email -> voidRequests(h, email, clock.instant().getEpochSecond()));
            return h.createUpdate("UPDATE subscriptions SET status = 'unsubscribed', changed_at = :now "
                                    + "WHERE id = :id AND status <> 'unsubscribed'")
                            .bind("now", clock.instant().toString())
                            .bind("id", id)
                            .execute()
                    == 1;
        });
    }

    /** A delivery succeeded: the run of permanent failures is over. */
    public void recordDelivery(long id) {
        db.withHandle(h -> h.createUpdate("UPDATE subscriptions SET consecutive_failures = 0 "
                        + "WHERE id = :id AND consecutive_failures <> 0")
                .bind("id", id)
                .execute());
    }

    /**
     * A delivery failed permanently; at {@code limit} failures in a row the address is marked
     * bouncing and skipped from then on. Returns the failures in a row now.
     */
    public int recordPermanentFailure(long id, String reason, int limit) {
        return db.inTransaction(h -> {
            h.createUpdate("UPDATE subscriptions SET consecutive_failures = consecutive_failures + 1, "
                            + "last_failure = :reason WHERE id = :id")
                    .bind("reason", reason)
                    .bind("id", id)
                    .execute();
            int failures = h.createQuery("SELECT consecutive_failures FROM subscriptions WHERE id = :id")
                    .bind("id", id)
                    .mapTo(Integer.class)
                    .one();
            if (failures >= limit) {
                h.createUpdate("UPDATE subscriptions SET status = 'bouncing', changed_at = :now "
                                + "WHERE id = :id AND status = 'active'")
                        .bind("now", clock.instant().toString())
                        .bind("id", id)
                        .execute();
            }
            return failures;
        });
    }

    /** Active subscriptions. */
    public long countActive() {
        return db.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM subscriptions WHERE status = 'active'")
                .mapTo(Long.class)
                .one());
    }

    /** Deletes requests that expired more than {@code olderThan} ago; returns how many. */
    public int purgeRequests(Duration olderThan) {
        long cutoff = clock.instant().minus(olderThan).getEpochSecond();
        return db.withHandle(h -> h.createUpdate("DELETE FROM subscription_requests WHERE expires_at < :cutoff")
                .bind("cutoff", cutoff)
                .execute());
    }

    private static Optional<Subscription> find(Handle h, long id) {
        List<Alert> alerts = h.createQuery("SELECT query, category FROM subscription_alerts "
                        + "WHERE subscription_id = :id ORDER BY position")
                .bind("id", id)
                .map((rs, ctx) -> new Alert(rs.getString(1), rs.getString(2)))
                .list();
        return h.createQuery("SELECT " + COLUMNS + " FROM subscriptions WHERE id = :id")
                .bind("id", id)
                .map((rs, ctx) -> subscription(rs, alerts))
                .findOne();
    }

    private static Subscription subscription(ResultSet rs, List<Alert> alerts) throws SQLException {
        String categories = rs.getString("categories");
        Settings settings = new Settings(
                rs.getString("email"),
                Frequency.valueOf(rs.getString("frequency").toUpperCase(Locale.ROOT)),
                rs.getInt("trending") != 0,
                categories.isEmpty() ? List.of() : Arrays.asList(categories.split(" ")),
                alerts);
        return new Subscription(
                rs.getLong("id"),
                settings,
                Status.valueOf(rs.getString("status").toUpperCase(Locale.ROOT)),
                rs.getInt("consecutive_failures"));
    }

    static String write(Settings s) {
        ObjectNode o = JSON.createObjectNode();
        o.put("email", s.email());
        o.put("frequency", s.frequency().key());
        o.put("trending", s.trending());
        s.categories().forEach(o.putArray("categories")::add);
        var alerts = o.putArray("alerts");
        for (Alert a : s.alerts()) {
            alerts.addObject().put("query", a.query()).put("category", a.category());
        }
        return o.toString();
    }

    static Settings read(String json) {
        try {
            JsonNode o = JSON.readTree(json);
            List<String> categories = new ArrayList<>();
            o.path("categories").forEach(c -> categories.add(c.asText()));
            List<Alert> alerts = new ArrayList<>();
            o.path("alerts")
                    .forEach(a -> alerts.add(new Alert(
                            a.path("query").asText(),
                            a.path("category").isNull()
                                    ? null
                                    : a.path("category").asText(null))));
            return new Settings(
                    o.path("email").asText(),
                    Frequency.valueOf(o.path("frequency").asText().toUpperCase(Locale.ROOT)),
                    o.path("trending").asBoolean(),
                    categories,
                    alerts);
        } catch (JsonProcessingException e) {
            throw new StoreException("a stored subscription request is not valid JSON", e);
        }
    }
}
