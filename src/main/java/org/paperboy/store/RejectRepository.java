package org.paperboy.store;

import java.time.Clock;
import java.util.List;
import org.jdbi.v3.core.Handle;

/** Stores rejected records per import run and tracks which were later imported. */
public final class RejectRepository {

    /** A stored reject with its row id and the run that rejected it. */
    public record Stored(long id, long runId, Reject reject) {}

    private final Database db;
    private final Clock clock;

    public RejectRepository(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** Stores the reject {@code r} of run {@code runId} in the unit of work {@code tx}. */
    public void add(Transaction tx, long runId, Reject r) {
        add(tx.handle(), runId, r);
    }

    /** Marks the reject {@code rejectId} as imported by run {@code runId}, in the unit of work {@code tx}. */
    public void markResolved(Transaction tx, long rejectId, long runId) {
        markResolved(tx.handle(), rejectId, runId);
    }

    /** Replaces the reason of the reject {@code rejectId}, in the unit of work {@code tx}. */
    public void updateReason(Transaction tx, long rejectId, String reason) {
        updateReason(tx.handle(), rejectId, reason);
    }

    public void add(Handle h, long runId, Reject r) {
        h.createUpdate("INSERT INTO rejects (run_id, source, line, format, reason, raw, rejected_at) "
                        + "VALUES (:run, :source, :line, :format, :reason, :raw, :at)")
                .bind("run", runId)
                .bind("source", text(r.source()))
                .bind("line", r.line())
                .bind("format", text(r.format()))
                .bind("reason", text(r.reason()))
                .bind("raw", r.raw())
                .bind("at", clock.instant().toString())
                .execute();
    }

    /**
     * PostgreSQL text cannot hold NUL, yet a reason may quote a rejected value that holds one (escaped
     * in the JSON source); it is stored as that six-character escape instead. The raw bytes keep it.
     */
    private static String text(String s) {
        return s == null || s.indexOf('\0') < 0 ? s : s.replace("\0", "\\u0000");
    }

    /** Unresolved rejects with ids above {@code afterId}, oldest first, at most {@code limit}. */
    public List<Stored> unresolved(long afterId, int limit) {
        return db.withHandle(h -> h.createQuery("SELECT id, run_id, source, line, format, reason, raw FROM rejects "
                        + "WHERE resolved_run_id IS NULL AND id > :after ORDER BY id LIMIT :limit")
                .bind("after", afterId)
                .bind("limit", limit)
                .map((rs, ctx) -> new Stored(
                        rs.getLong(1),
                        rs.getLong(2),
                        new Reject(rs.getString(3), rs.getLong(4), rs.getString(5), rs.getString(6), rs.getBytes(7))))
                .list());
    }

    /** The rejects a run stored, in the order they were found. */
    public List<Stored> ofRun(long runId) {
        return db.withHandle(h -> h.createQuery("SELECT id, run_id, source, line, format, reason, raw FROM rejects "
                        + "WHERE run_id = :run ORDER BY id")
                .bind("run", runId)
                .map((rs, ctx) -> new Stored(
                        rs.getLong(1),
                        rs.getLong(2),
                        new Reject(rs.getString(3), rs.getLong(4), rs.getString(5), rs.getString(6), rs.getBytes(7))))
                .list());
    }

    public void markResolved(Handle h, long rejectId, long runId) {
        h.createUpdate("UPDATE rejects SET resolved_run_id = :run WHERE id = :id")
                .bind("run", runId)
                .bind("id", rejectId)
                .execute();
    }

    public void updateReason(Handle h, long rejectId, String reason) {
        h.createUpdate("UPDATE rejects SET reason = :reason WHERE id = :id")
                .bind("reason", text(reason))
                .bind("id", rejectId)
                .execute();
    }

    public long countUnresolved() {
        return db.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM rejects WHERE resolved_run_id IS NULL")
                .mapTo(Long.class)
                .one());
    }
}
