package org.paperboy.store;

import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * A reader's library: the papers they saved, each with optional tags. Saving a paper that is not
 * stored (or is hidden) changes nothing; every change raises the reader's signals version in the
 * same transaction (see {@link SignalRepository#touch}).
 */
public final class LibraryRepository {

    /** A saved paper: its id, its tags (lower case, sorted) and when it was first saved. */
    public record Saved(String paperId, List<String> tags, Instant savedAt) {
        public Saved {
            tags = List.copyOf(tags);
        }
    }

    private final Database db;
    private final Clock clock;

    public LibraryRepository(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /**
     * Saves {@code paperId} with {@code tags} (replacing the tags of a paper saved before; its
     * saving time stays). Empty when the paper is unknown or hidden: then nothing is stored.
     */
    public Optional<Saved> save(long userId, String paperId, List<String> tags) {
        String joined = String.join(" ", tags.stream().sorted().distinct().toList());
        return db.inTransaction(h -> {
            int changed = h.createUpdate("INSERT INTO saved_papers (user_id, paper_id, tags, created_at) "
                            + "SELECT :user, :paper, :tags, :now WHERE EXISTS "
                            + "(SELECT 1 FROM papers WHERE id = :paper AND hidden = 0) "
                            + "ON CONFLICT (user_id, paper_id) DO UPDATE SET tags = :tags")
                    .bind("user", userId)
                    .bind("paper", paperId)
                    .bind("tags", joined)
                    .bind("now", clock.instant().toString())
                    .execute();
            if (changed == 0) {
                return Optional.<Saved>empty();
            }
            SignalRepository.touch(h, userId);
            return find(h, userId, paperId);
        });
    }

    /** Takes {@code paperId} out of the library; false when it was not in it. */
    public boolean remove(long userId, String paperId) {
        return db.inTransaction(h -> {
            int n = h.createUpdate("DELETE FROM saved_papers WHERE user_id = :user AND paper_id = :paper")
                    .bind("user", userId)
                    .bind("paper", paperId)
                    .execute();
            if (n > 0) {
                SignalRepository.touch(h, userId);
            }
            return n > 0;
        });
    }

    /** The saved paper {@code paperId}, if it is in the library. */
    public Optional<Saved> find(long userId, String paperId) {
        return db.withHandle(h -> find(h, userId, paperId));
    }

    /** The papers among {@code paperIds} that {@code userId} saved. */
    public java.util.Set<String> savedAmong(long userId, Collection<String> paperIds) {
        if (paperIds.isEmpty()) {
            return java.util.Set.of();
        }
        return db.withHandle(h -> new java.util.HashSet<>(
                h.createQuery("SELECT paper_id FROM saved_papers WHERE user_id = :user AND paper_id IN (<ids>)")
                        .bind("user", userId)
                        .bindList("ids", List.copyOf(paperIds))
                        .mapTo(String.class)
                        .list()));
    }

    /** The library, newest first; with {@code tag}, only the papers carrying it. */
    public List<Saved> list(long userId, String tag) {
        List<Saved> all = db.withHandle(h -> h.createQuery("SELECT paper_id, tags, created_at FROM saved_papers "
                        + "WHERE user_id = :user ORDER BY created_at DESC, paper_id")
                .bind("user", userId)
                .map((rs, ctx) -> read(rs))
                .list());
        return tag == null
                ? all
                : all.stream().filter(s -> s.tags().contains(tag)).toList();
    }

    /** Every tag of the library with the number of papers carrying it, by name. */
    public Map<String, Integer> tags(long userId) {
        Map<String, Integer> counts = new java.util.TreeMap<>();
        for (Saved s : list(userId, null)) {
            s.tags().forEach(t -> counts.merge(t, 1, Integer::sum));
        }
        return counts;
    }

    /** How many papers {@code userId} saved. */
    public int count(long userId) {
        return db.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM saved_papers WHERE user_id = :user")
                .bind("user", userId)
                .mapTo(Integer.class)
                .one());
    }

    /** Saved papers by paper id for many readers at once (the digest's batch path). */
    public Map<Long, List<String>> savedBy(Collection<Long> userIds) {
        Map<Long, List<String>> out = new HashMap<>();
        if (userIds.isEmpty()) {
            return out;
        }
        db.withHandle(h -> h.createQuery("SELECT user_id, paper_id FROM saved_papers WHERE user_id IN (<users>)")
                        .bindList("users", List.copyOf(userIds))
                        .map((rs, ctx) -> Map.entry(rs.getLong(1), rs.getString(2)))
                        .list())
                .forEach(e -> out.computeIfAbsent(e.getKey(), k -> new java.util.ArrayList<>())
                        .add(e.getValue()));
        return out;
    }

    private static Optional<Saved> find(Handle h, long userId, String paperId) {
        return h.createQuery("SELECT paper_id, tags, created_at FROM saved_papers "
                        + "WHERE user_id = :user AND paper_id = :paper")
                .bind("user", userId)
                .bind("paper", paperId)
                .map((rs, ctx) -> read(rs))
                .findOne();
    }

    private static Saved read(java.sql.ResultSet rs) throws java.sql.SQLException {
        String tags = rs.getString(2);
        return new Saved(
                rs.getString(1),
                tags.isEmpty() ? List.of() : Arrays.asList(tags.split(" ")),
                Instant.parse(rs.getString(3)));
    }
}
