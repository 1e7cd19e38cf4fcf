package org.paperboy.store;

import java.time.Clock;

/** One row per import or harvest run: what ran, when, and its outcome counts. */
public final class ImportRunRepository {

    private final Database db;
    private final Clock clock;

    public ImportRunRepository(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** Records the start of a run and returns its id. */
    public long start(String command) {
        return db.withHandle(h -> h.createUpdate(
                        "INSERT INTO import_runs (command, started_at, status) VALUES (:command, :at, 'running')")
                .bind("command", command)
                .bind("at", clock.instant().toString())
                .executeAndReturnGeneratedKeys("id")
                .mapTo(Long.class)
                .one());
    }

    public void finish(long runId, long imported, long updated, long unchanged, long rejected, String status) {
        db.withHandle(h -> h.createUpdate("UPDATE import_runs SET finished_at = :at, imported = :imported, "
                        + "updated = :updated, unchanged = :unchanged, rejected = :rejected, status = :status "
                        + "WHERE id = :id")
                .bind("at", clock.instant().toString())
                .bind("imported", imported)
                .bind("updated", updated)
                .bind("unchanged", unchanged)
                .bind("rejected", rejected)
                .bind("status", status)
                .bind("id", runId)
                .execute());
    }

    public long count() {
        return db.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM import_runs")
                .mapTo(Long.class)
                .one());
    }
}
