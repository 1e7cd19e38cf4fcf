package org.paperboy.store;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.paperboy.store.LibraryRepository.Saved;

/**
 * What a reader tells Paperboy about their taste, beside upvotes ({@link VoteRepository}) and the
 * library ({@link LibraryRepository}): "more / less like this" feedback, followed categories and
 * authors, and seed papers. Every change raises the reader's signals version in the same
 * transaction, so a model trained on older signals is known to be stale. {@link #all} is the
 * export; {@link #deleteAll} forgets everything, the model included, in one transaction.
 */
public final class SignalRepository {

    /** What a reader follows. */
    public enum FollowKind {
        CATEGORY,
        AUTHOR;

        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The kind named {@code key} ("category", "author"). */
        public static Optional<FollowKind> parse(String key) {
            for (FollowKind k : values()) {
                if (k.key().equals(key)) {
                    return Optional.of(k);
                }
            }
            return Optional.empty();
        }
    }

    /** One followed category or author. */
    public record Follow(FollowKind kind, String target) {}

    /** A seed paper and how it was given ("id" or "bibtex"). */
    public record Seed(String paperId, String source) {}

    /** A "more like this" (+1) or "less like this" (-1) on a paper. */
    public record Feedback(String paperId, int verdict) {}

    /** Every signal of one reader: the export, and what the model is trained from. */
    public record Signals(
            long version,
            List<String> upvoted,
            List<Saved> saved,
            List<Feedback> feedback,
            List<Follow> follows,
            List<Seed> seeds) {

        public Signals {
            upvoted = List.copyOf(upvoted);
            saved = List.copyOf(saved);
            feedback = List.copyOf(feedback);
            follows = List.copyOf(follows);
            seeds = List.copyOf(seeds);
        }

        /** No signal at all: the for-you page shows onboarding. */
        public boolean isEmpty() {
            return upvoted.isEmpty() && saved.isEmpty() && feedback.isEmpty() && follows.isEmpty() && seeds.isEmpty();
        }

        /** How many signals there are. */
        public int size() {
            return upvoted.size() + saved.size() + feedback.size() + follows.size() + seeds.size();
        }
    }

    private final Database db;
    private final Clock clock;

    public SignalRepository(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /**
     * Records {@code verdict} (+1 more, -1 less like this, 0 to take it back) on {@code paperId};
     * false when the paper is unknown or hidden, and then nothing is stored.
     */
    public boolean feedback(long userId, String paperId, int verdict) {
        if (verdict < -1 || verdict > 1) {
            throw new IllegalArgumentException("verdict: " + verdict + " is not -1, 0 or 1");
        }
        return db.inTransaction(h -> {
            if (!visible(h, paperId)) {
                return false;
            }
            if (verdict == 0) {
                h.createUpdate("DELETE FROM paper_feedback WHERE user_id = :user AND paper_id = :paper")
                        .bind("user", userId)
                        .bind("paper", paperId)
                        .execute();
            } else {
                h.createUpdate("INSERT INTO paper_feedback (user_id, paper_id, verdict, created_at) "
                                + "VALUES (:user, :paper, :verdict, :now) "
                                + "ON CONFLICT (user_id, paper_id) DO UPDATE SET verdict = :verdict, created_at = :now")
                        .bind("user", userId)
                        .bind("paper", paperId)
                        .bind("verdict", verdict)
                        .bind("now", clock.instant().toString())
                        .execute();
            }
            touch(h, userId);
            return true;
        });
    }

    /** Follows (or with {@code follow} false, stops following) a category or an author. */
    public void follow(long userId, FollowKind kind, String target, boolean follow) {
        db.inTransaction(h -> {
            if (follow) {
                h.createUpdate(
                                "INSERT INTO follows (user_id, kind, target, created_at) VALUES (:user, :kind, :target, :now) "
                                        + "ON CONFLICT (user_id, kind, target) DO NOTHING")
                        .bind("now", clock.instant().toString())
                        .bind("user", userId)
                        .bind("kind", kind.key())
                        .bind("target", target)
                        .execute();
            } else {
                h.createUpdate("DELETE FROM follows WHERE user_id = :user AND kind = :kind AND target = :target")
                        .bind("user", userId)
                        .bind("kind", kind.key())
                        .bind("target", target)
                        .execute();
            }
            touch(h, userId);
            return null;
        });
    }

    /**
     * Adds seed papers, all or none: when any id is not a stored, visible paper, nothing is stored
     * and those ids are returned (in the order given); otherwise the answer is empty.
     */
    public List<String> addSeeds(long userId, Collection<String> paperIds, String source) {
        return db.inTransaction(h -> {
            List<String> missing = new ArrayList<>();
            for (String id : paperIds) {
                if (!visible(h, id)) {
                    missing.add(id);
                }
            }
            if (!missing.isEmpty() || paperIds.isEmpty()) {
                return missing;
            }
            String now = clock.instant().toString();
            for (String id : paperIds) {
                h.createUpdate("INSERT INTO seed_papers (user_id, paper_id, source, created_at) "
                                + "VALUES (:user, :paper, :source, :now) ON CONFLICT (user_id, paper_id) DO NOTHING")
                        .bind("user", userId)
                        .bind("paper", id)
                        .bind("source", source)
                        .bind("now", now)
                        .execute();
            }
            touch(h, userId);
            return List.<String>of();
        });
    }

    /** The reader's signals version: raised by every change of a signal. 0 before the first. */
    public long version(long userId) {
        return db.withHandle(h -> version(h, userId));
    }

    /** Every signal of {@code userId}, newest first within each kind. */
    public Signals all(long userId) {
        return db.withHandle(h -> read(h, userId));
    }

    /** The signals of many readers at once (the digest's batch path), keyed by account id. */
    public Map<Long, Signals> all(Collection<Long> userIds) {
        Map<Long, Signals> out = new LinkedHashMap<>();
        db.withHandle(h -> {
            for (long id : userIds) {
                out.put(id, read(h, id));
            }
            return null;
        });
        return out;
    }

    /**
     * Forgets every signal of the reader in one transaction: upvotes (the papers' counts go down
     * with them), library, feedback, follows, seeds, the model and the private feed token.
     */
    public void deleteAll(long userId) {
        db.inTransaction(h -> {
            h.createUpdate("UPDATE papers SET votes = votes - 1 WHERE id IN "
                            + "(SELECT paper_id FROM votes WHERE user_id = :user)")
                    .bind("user", userId)
                    .execute();
            for (String table :
                    List.of("votes", "saved_papers", "paper_feedback", "follows", "seed_papers", "user_models")) {
                h.createUpdate("DELETE FROM " + table + " WHERE user_id = :user")
                        .bind("user", userId)
                        .execute();
            }
            h.createUpdate("UPDATE for_you_settings SET feed_token_hash = NULL WHERE user_id = :user")
                    .bind("user", userId)
                    .execute();
            touch(h, userId);
            return null;
        });
    }

    /**
     * Raises {@code userId}'s signals version; call inside the transaction that changed a signal.
     * One upsert, so concurrent changes each count.
     */
    static void touch(Handle h, long userId) {
        h.createUpdate("INSERT INTO for_you_settings (user_id, signals_version) VALUES (:user, 1) "
                        + "ON CONFLICT (user_id) DO UPDATE SET signals_version = for_you_settings.signals_version + 1")
                .bind("user", userId)
                .execute();
    }

    static long version(Handle h, long userId) {
        return h.createQuery("SELECT signals_version FROM for_you_settings WHERE user_id = :user")
                .bind("user", userId)
                .mapTo(Long.class)
                .findOne()
                .orElse(0L);
    }

    private static boolean visible(Handle h, String paperId) {
        return h.createQuery("SELECT COUNT(*) FROM papers WHERE id = :id AND hidden = 0")
                        .bind("id", paperId)
                        .mapTo(Integer.class)
                        .one()
                > 0;
    }

    private static Signals read(Handle h, long userId) {
        long version = version(h, userId);
        List<String> upvoted = h.createQuery(
                        "SELECT paper_id FROM votes WHERE user_id = :user ORDER BY created_at DESC, paper_id")
                .bind("user", userId)
                .mapTo(String.class)
                .list();
        List<Saved> saved = h.createQuery("SELECT paper_id, tags, created_at FROM saved_papers WHERE user_id = :user "
                        + "ORDER BY created_at DESC, paper_id")
                .bind("user", userId)
                .map((rs, ctx) -> new Saved(
                        rs.getString(1),
                        rs.getString(2).isEmpty()
                                ? List.of()
                                : List.of(rs.getString(2).split(" ")),
                        Instant.parse(rs.getString(3))))
                .list();
        List<Feedback> feedback = h.createQuery("SELECT paper_id, verdict FROM paper_feedback WHERE user_id = :user "
                        + "ORDER BY created_at DESC, paper_id")
                .bind("user", userId)
                .map((rs, ctx) -> new Feedback(rs.getString(1), rs.getInt(2)))
                .list();
        List<Follow> follows = h.createQuery(
                        "SELECT kind, target FROM follows WHERE user_id = :user ORDER BY kind, target")
                .bind("user", userId)
                .map((rs, ctx) -> new Follow(FollowKind.parse(rs.getString(1)).orElseThrow(), rs.getString(2)))
                .list();
        List<Seed> seeds = h.createQuery(
                        "SELECT paper_id, source FROM seed_papers WHERE user_id = :user ORDER BY created_at DESC, paper_id")
                .bind("user", userId)
                .map((rs, ctx) -> new Seed(rs.getString(1), rs.getString(2)))
                .list();
        return new Signals(version, upvoted, saved, feedback, follows, seeds);
    }
}
