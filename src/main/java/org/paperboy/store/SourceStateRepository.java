package org.paperboy.store;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * Where each scheduled source stands ({@code source_state}) and its runs ({@code source_runs}).
 * The state is written inside the transaction that stores a page, so {@code fetchedUntil} never
 * runs ahead of what is stored; a run left {@code running} by a process that died is marked
 * {@code abandoned} by the next holder of the source's run lock.
 */
public final class SourceStateRepository {

    /** The saved state of one source; moments may be {@code null} when they never happened. */
    public record State(
            String source,
            LocalDate fetchedUntil,
            Instant nextRunAt,
            int failures,
            Instant failingSince,
            String lastError,
            Instant lastSuccessAt) {

        /** The state of a source that never ran. */
        public static State fresh(String source) {
            return new State(source, null, null, 0, null, null, null);
        }
    }

    /** One run of a source; {@code finishedAt} is {@code null} while it runs. */
    public record Run(
            long id,
            String source,
            String cause,
            Instant startedAt,
            Instant finishedAt,
            String status,
            int daysTotal,
            int daysDone,
            long imported,
            long updated,
            long unchanged,
            long rejected,
            String error) {

        /** Papers added or changed by this run. */
        public long stored() {
            return imported + updated;
        }
    }

    /** Totals over every run of a source, for {@code /metrics}. */
    public record Totals(long runs, long failed, long stored, long rejected) {}

    private static final String RUN_COLUMNS = "id, source, cause, started_at, finished_at, status, days_total, "
            + "days_done, imported, updated, unchanged, rejected, error";

    private final Database db;
    private final Clock clock;

    public SourceStateRepository(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    public State find(String source) {
        return db.withHandle(h -> find(h, source));
    }

    public State find(Handle h, String source) {
        return h.createQuery("SELECT source, fetched_until, next_run_at, failures, failing_since, last_error, "
                        + "last_success_at FROM source_state WHERE source = :s")
                .bind("s", source)
                .map((rs, ctx) -> new State(
                        rs.getString(1),
                        rs.getString(2) == null ? null : LocalDate.parse(rs.getString(2)),
                        instant(rs, 3),
                        rs.getInt(4),
                        instant(rs, 5),
                        rs.getString(6),
                        instant(rs, 7)))
                .findOne()
                .orElse(State.fresh(source));
    }

    /** Saves the state in the unit of work {@code tx}. */
    public void save(Transaction tx, State s) {
        save(tx.handle(), s);
    }

    /** {@link #advance(Handle, String, LocalDate)} in the unit of work {@code tx}. */
    public void advance(Transaction tx, String source, LocalDate day) {
        advance(tx.handle(), source, day);
    }

    /** {@link #finishRun(Handle, long, String, String)} in the unit of work {@code tx}. */
    public void finishRun(Transaction tx, long runId, String status, String error) {
        finishRun(tx.handle(), runId, status, error);
    }

    /** Saves the state in the caller's transaction. */
    public void save(Handle h, State s) {
        int n = h.createUpdate("UPDATE source_state SET fetched_until = :until, next_run_at = :next, "
                        + "failures = :failures, failing_since = :since, last_error = :error, "
                        + "last_success_at = :success, updated_at = :at WHERE source = :s")
                .bindMap(values(s))
                .execute();
        if (n == 0) {
            h.createUpdate("INSERT INTO source_state (source, fetched_until, next_run_at, failures, failing_since, "
                            + "last_error, last_success_at, updated_at) VALUES (:s, :until, :next, :failures, :since, "
                            + ":error, :success, :at)")
                    .bindMap(values(s))
                    .execute();
        }
    }

    public void save(State s) {
        db.inTransaction(h -> {
            save(h, s);
            return null;
        });
    }

    private java.util.Map<String, Object> values(State s) {
        java.util.Map<String, Object> m = new java.util.HashMap<>();
        m.put("s", s.source());
        m.put("until", s.fetchedUntil() == null ? null : s.fetchedUntil().toString());
        m.put("next", epoch(s.nextRunAt()));
        m.put("failures", s.failures());
        m.put("since", epoch(s.failingSince()));
        m.put("error", s.lastError());
        m.put("success", epoch(s.lastSuccessAt()));
        m.put("at", clock.instant().getEpochSecond());
        return m;
    }

    /** Sets the last day {@code source} fetched completely, in the caller's transaction (the page's). */
    public void advance(Handle h, String source, LocalDate day) {
        State s = find(h, source);
        save(
                h,
                new State(
                        source, day, s.nextRunAt(), s.failures(), s.failingSince(), s.lastError(), s.lastSuccessAt()));
    }

    /** Records the start of a run and returns its id. */
    public long startRun(String source, String cause, long importRunId) {
        return db.withHandle(h -> h.createUpdate("INSERT INTO source_runs (source, cause, started_at, status, "
                        + "import_run_id) VALUES (:s, :cause, :at, 'running', :importRun)")
                .bind("s", source)
                .bind("cause", cause)
                .bind("at", clock.instant().getEpochSecond())
                .bind("importRun", importRunId)
                .executeAndReturnGeneratedKeys("id")
                .mapTo(Long.class)
                .one());
    }

    /** Updates a running run's progress and counts in the unit of work {@code tx}. */
    public void progress(
            Transaction tx,
            long runId,
            int daysTotal,
            int daysDone,
            long imported,
            long updated,
            long unchanged,
            long rejected) {
        progress(tx.handle(), runId, daysTotal, daysDone, imported, updated, unchanged, rejected);
    }

    /** Updates a running run's progress and counts in the caller's transaction. */
    public void progress(
            Handle h,
            long runId,
            int daysTotal,
            int daysDone,
            long imported,
            long updated,
            long unchanged,
            long rejected) {
        h.createUpdate("UPDATE source_runs SET days_total = :total, days_done = :done, imported = :imported, "
                        + "updated = :updated, unchanged = :unchanged, rejected = :rejected WHERE id = :id")
                .bind("total", daysTotal)
                .bind("done", daysDone)
                .bind("imported", imported)
                .bind("updated", updated)
                .bind("unchanged", unchanged)
                .bind("rejected", rejected)
                .bind("id", runId)
                .execute();
    }

    /** Ends a run as {@code ok} or {@code failed} (with the reason), in the caller's transaction. */
    public void finishRun(Handle h, long runId, String status, String error) {
        h.createUpdate("UPDATE source_runs SET finished_at = :at, status = :status, error = :error WHERE id = :id")
                .bind("at", clock.instant().getEpochSecond())
                .bind("status", status)
                .bind("error", error)
                .bind("id", runId)
                .execute();
    }

    /**
     * Marks the runs of {@code source} still {@code running} as abandoned: called by the holder of
     * the source's run lock, so no process is running them. Returns how many there were.
     */
    public int abandonRunning(String source) {
        return db.withHandle(h -> h.createUpdate("UPDATE source_runs SET status = 'abandoned', finished_at = :at, "
                        + "error = 'the process running it stopped (crash or kill); the next run caught up' "
                        + "WHERE source = :s AND status = 'running'")
                .bind("s", source)
                .bind("at", clock.instant().getEpochSecond())
                .execute());
    }

    /** The latest run of {@code source}, if it ever ran. */
    public Optional<Run> lastRun(String source) {
        return db.withHandle(h -> h.createQuery(
                        "SELECT " + RUN_COLUMNS + " FROM source_runs WHERE source = :s ORDER BY id DESC LIMIT 1")
                .bind("s", source)
                .map((rs, ctx) -> run(rs))
                .findOne());
    }

    /** The latest {@code limit} runs of {@code source}, newest first. */
    public List<Run> runs(String source, int limit) {
        return db.withHandle(h -> h.createQuery(
                        "SELECT " + RUN_COLUMNS + " FROM source_runs WHERE source = :s ORDER BY id DESC LIMIT :limit")
                .bind("s", source)
                .bind("limit", limit)
                .map((rs, ctx) -> run(rs))
                .list());
    }

    /** Counts over every run of {@code source}. */
    public Totals totals(String source) {
        return db.withHandle(h -> h.createQuery("SELECT COUNT(*), "
                        + "COALESCE(SUM(CASE WHEN status = 'failed' OR status = 'abandoned' THEN 1 ELSE 0 END), 0), "
                        + "COALESCE(SUM(imported + updated), 0), COALESCE(SUM(rejected), 0) "
                        + "FROM source_runs WHERE source = :s")
                .bind("s", source)
                .map((rs, ctx) -> new Totals(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)))
                .one());
    }

    private static Run run(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Run(
                rs.getLong(1),
                rs.getString(2),
                rs.getString(3),
                instant(rs, 4),
                instant(rs, 5),
                rs.getString(6),
                rs.getInt(7),
                rs.getInt(8),
                rs.getLong(9),
                rs.getLong(10),
                rs.getLong(11),
                rs.getLong(12),
                rs.getString(13));
    }

    private static Instant instant(java.sql.ResultSet rs, int column) throws java.sql.SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochSecond(v);
    }

    private static Long epoch(Instant i) {
        return i == null ? null : i.getEpochSecond();
    }
}
