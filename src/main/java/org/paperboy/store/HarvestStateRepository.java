package org.paperboy.store;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Optional;

/**
 * Where an OAI-PMH harvest of one endpoint stands: the resumption token of the page to fetch
 * next (kept until the harvest completes, so a crash resumes there) and the last day fully
 * harvested (the {@code from} of the next incremental harvest).
 */
public final class HarvestStateRepository {

    /** The saved state of one endpoint (URL plus set). */
    public record State(
            String endpoint,
            String resumptionToken,
            LocalDate from,
            LocalDate until,
            LocalDate harvestedUntil,
            int pages) {}

    private final Database db;
    private final Clock clock;

    public HarvestStateRepository(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    public Optional<State> find(String endpoint) {
        return db.withHandle(h -> h.createQuery("SELECT endpoint, resumption_token, from_date, until_date, "
                        + "harvested_until, pages FROM harvest_state WHERE endpoint = :e")
                .bind("e", endpoint)
                .map((rs, ctx) -> new State(
                        rs.getString(1),
                        rs.getString(2),
                        date(rs.getString(3)),
                        date(rs.getString(4)),
                        date(rs.getString(5)),
                        rs.getInt(6)))
                .findOne());
    }

    /** Saves the state in the unit of work {@code tx}, so it commits with the page's papers. */
    public void save(Transaction tx, State s) {
        save(tx.handle(), s);
    }

    /** Saves the state inside the caller's transaction, so it commits with the page's papers. */
    public void save(org.jdbi.v3.core.Handle h, State s) {
        int n = h.createUpdate("UPDATE harvest_state SET resumption_token = :token, from_date = :from, "
                        + "until_date = :until, harvested_until = :done, pages = :pages, updated_at = :at "
                        + "WHERE endpoint = :e")
                .bind("e", s.endpoint())
                .bind("token", s.resumptionToken())
                .bind("from", iso(s.from()))
                .bind("until", iso(s.until()))
                .bind("done", iso(s.harvestedUntil()))
                .bind("pages", s.pages())
                .bind("at", clock.instant().toString())
                .execute();
        if (n == 0) {
            h.createUpdate(
                            "INSERT INTO harvest_state (endpoint, resumption_token, from_date, until_date, "
                                    + "harvested_until, pages, updated_at) VALUES (:e, :token, :from, :until, :done, :pages, :at)")
                    .bind("e", s.endpoint())
                    .bind("token", s.resumptionToken())
                    .bind("from", iso(s.from()))
                    .bind("until", iso(s.until()))
                    .bind("done", iso(s.harvestedUntil()))
                    .bind("pages", s.pages())
                    .bind("at", clock.instant().toString())
                    .execute();
        }
    }

    private static String iso(LocalDate d) {
        return d == null ? null : d.toString();
    }

    private static LocalDate date(String s) {
        return s == null ? null : LocalDate.parse(s);
    }
}
