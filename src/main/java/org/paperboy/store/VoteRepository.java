package org.paperboy.store;

import java.time.Clock;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Upvotes cast on this site: one per account and paper. A vote and the paper's {@code votes}
 * counter change in one transaction, so the count shown always equals the rows. An upvote is a
 * signal of the reader's taste: a change raises their signals version ({@link SignalRepository}).
 */
public final class VoteRepository {

    /** The outcome of a vote: whether the account now upvotes the paper, and the paper's upvotes. */
    public record Tally(boolean voted, int upvotes) {}

    private final Database db;
    private final Clock clock;

    public VoteRepository(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /**
     * Sets whether {@code userId} upvotes {@code paperId}; setting it to what it is changes
     * nothing. Empty when the paper is unknown or hidden.
     */
    public Optional<Tally> set(long userId, String paperId, boolean upvote) {
        // The first statement writes, so on SQLite the transaction takes the write lock (waiting
        // its turn) before reading; the row changes decide the counter, so concurrent identical
        // votes count once on both databases.
        return db.inTransaction(h -> {
            int changed = upvote
                    ? h.createUpdate("INSERT INTO votes (user_id, paper_id, created_at) SELECT :user, :paper, :now "
                                    + "WHERE EXISTS (SELECT 1 FROM papers WHERE id = :paper AND hidden = 0) "
                                    + "ON CONFLICT (user_id, paper_id) DO NOTHING")
                            .bind("user", userId)
                            .bind("paper", paperId)
                            .bind("now", clock.instant().toString())
                            .execute()
                    : h.createUpdate("DELETE FROM votes WHERE user_id = :user AND paper_id = :paper "
                                    + "AND EXISTS (SELECT 1 FROM papers WHERE id = :paper AND hidden = 0)")
                            .bind("user", userId)
                            .bind("paper", paperId)
                            .execute();
            if (changed == 1) {
                h.createUpdate("UPDATE papers SET votes = votes + :delta WHERE id = :id")
                        .bind("delta", upvote ? 1 : -1)
                        .bind("id", paperId)
                        .execute();
                SignalRepository.touch(h, userId);
            }
            return h.createQuery("SELECT upvotes + votes FROM papers WHERE id = :id AND hidden = 0")
                    .bind("id", paperId)
                    .mapTo(Integer.class)
                    .findOne()
                    .map(upvotes -> new Tally(upvote, upvotes));
        });
    }

    /** Whether {@code userId} upvotes {@code paperId}. */
    public boolean has(long userId, String paperId) {
        return !votedAmong(userId, List.of(paperId)).isEmpty();
    }

    /** The papers among {@code paperIds} that {@code userId} upvotes. */
    public Set<String> votedAmong(long userId, Collection<String> paperIds) {
        if (paperIds.isEmpty()) {
            return Set.of();
        }
        return db.withHandle(h ->
                new HashSet<>(h.createQuery("SELECT paper_id FROM votes WHERE user_id = :user AND paper_id IN (<ids>)")
                        .bind("user", userId)
                        .bindList("ids", List.copyOf(paperIds))
                        .mapTo(String.class)
                        .list()));
    }

    /** The papers {@code userId} upvoted, newest vote first. */
    public List<String> votedBy(long userId, int limit) {
        return db.withHandle(h -> h.createQuery(
                        "SELECT paper_id FROM votes WHERE user_id = :user ORDER BY created_at DESC, paper_id LIMIT :limit")
                .bind("user", userId)
                .bind("limit", limit)
                .mapTo(String.class)
                .list());
    }
}
