package org.paperboy.store;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * The papers accounts submitted by arXiv id, newest first, for the admin overview. Only
 * submissions that stored something are recorded (a paper already listed is answered without one).
 */
public final class SubmissionRepository {

    /** One submission: the paper (its title as stored now), who asked, when, and whether it was new. */
    public record Submission(String paperId, String title, String email, boolean added, Instant at) {}

    private final Database db;
    private final Clock clock;

    public SubmissionRepository(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** Records that account {@code userId} submitted paper {@code paperId}, new to the store when {@code added}. */
    public void record(String paperId, long userId, boolean added) {
        db.withHandle(h -> h.createUpdate("INSERT INTO submissions (paper_id, user_id, outcome, submitted_at) "
                        + "VALUES (:paper, :user, :outcome, :at)")
                .bind("paper", paperId)
                .bind("user", userId)
                .bind("outcome", added ? "added" : "refreshed")
                .bind("at", clock.instant().toString())
                .execute());
    }

    public long count() {
        return db.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM submissions")
                .mapTo(Long.class)
                .one());
    }

    /** The latest {@code limit} submissions, newest first. */
    public List<Submission> recent(int limit) {
        return db.withHandle(h -> h.createQuery("SELECT s.paper_id, p.title, u.email, s.outcome, s.submitted_at "
                        + "FROM submissions s JOIN papers p ON p.id = s.paper_id JOIN users u ON u.id = s.user_id "
                        + "ORDER BY s.id DESC LIMIT :limit")
                .bind("limit", limit)
                .map((rs, ctx) -> new Submission(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getString(3),
                        "added".equals(rs.getString(4)),
                        Instant.parse(rs.getString(5))))
                .list());
    }
}
