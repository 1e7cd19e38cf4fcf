package org.paperboy.store;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The digest ledger: one row per (subscription, period), moved forward only by conditional
 * updates. {@code planned} rows are due; {@link #claim} makes one {@code sending} just before the
 * SMTP transaction, {@link #markUnconfirmed} {@code unconfirmed} just before the end of the
 * message is sent, {@link #markSent} records delivery and the papers sent in one transaction. Rows
 * a run that died left {@code sending} or {@code unconfirmed} are planned again by {@link #resume}.
 */
public final class DigestLedgerRepository {

    /** Where a digest stands. */
    public enum State {
        PLANNED,
        SENDING,
        SENT,
        SKIPPED,
        FAILED,
        UNCONFIRMED;

        String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * A ledger row: whose digest, for which period (a day or an ISO week key), its state, tries so
     * far, and the Message-ID it was (or is being) sent with, null before the first try.
     */
    public record Entry(long subscriptionId, String period, State state, int attempts, String messageId) {}

    /**
     * What {@link #resume} found: digests a dead run left in flight, and how many of them may have
     * reached the server (the end of the message was sent, the answer not recorded).
     */
    public record Resumed(int digests, int inDoubt) {}

    private static final String ENTRY_COLUMNS = "subscription_id, period, state, attempts, message_id";

    private final Database db;
    private final Clock clock;

    public DigestLedgerRepository(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /**
     * Plans the digest of {@code period} (ending {@code periodEnd}) for each subscription that
     * has no row for it yet; returns how many were new. Planning twice changes nothing.
     */
    public int plan(Collection<Long> subscriptionIds, String period, LocalDate periodEnd) {
        if (subscriptionIds.isEmpty()) {
            return 0;
        }
        String now = clock.instant().toString();
        return db.inTransaction(h -> {
            // Counted, not summed from the batch: PostgreSQL's rewritten batches report no row counts.
            String count = "SELECT COUNT(*) FROM digest_ledger WHERE period = :period";
            int before = h.createQuery(count)
                    .bind("period", period)
                    .mapTo(Integer.class)
                    .one();
            var batch = h.prepareBatch("INSERT INTO digest_ledger (subscription_id, period, period_end, state, "
                    + "planned_at) VALUES (:id, :period, :end, 'planned', :now) ON CONFLICT DO NOTHING");
            for (long id : subscriptionIds) {
                batch.bind("id", id)
                        .bind("period", period)
                        .bind("end", periodEnd.toString())
                        .bind("now", now)
                        .add();
            }
            batch.execute();
            return h.createQuery(count)
                            .bind("period", period)
                            .mapTo(Integer.class)
                            .one()
                    - before;
        });
    }

    /** Name of the lock one digest run at a time holds. */
    private static final String RUN_LOCK = "digest-run";

    /**
     * Takes the digest run lock, or answers empty when another run holds it. While it is held,
     * rows in flight can only have been left by a run that died.
     */
    public java.util.Optional<RunLock> tryLockRuns() {
        return RunLock.tryAcquire(db, RUN_LOCK);
    }

    /** Who holds the digest run lock, for messages. */
    public String runLockHolder() {
        return RunLock.holder(db, RUN_LOCK);
    }

    /** The rows of {@code period} in {@code state}, by subscription id. */
    public List<Entry> inState(String period, State state) {
        return db.withHandle(h -> h.createQuery("SELECT " + ENTRY_COLUMNS + " FROM digest_ledger "
                        + "WHERE period = :period AND state = :state ORDER BY subscription_id")
                .bind("period", period)
                .bind("state", state.key())
                .map((rs, ctx) -> entry(rs))
                .list());
    }

    /**
     * The periods, oldest first, with planned digests that ended on or after {@code since}: those a
     * run left to a later one (failed for now, not reached, resumed after a crash).
     */
    public List<String> periodsWithPlanned(LocalDate since) {
        return db.withHandle(h -> h.createQuery("SELECT period FROM digest_ledger WHERE state = 'planned' "
                        + "AND period_end >= :since GROUP BY period ORDER BY MIN(period_end), period")
                .bind("since", since.toString())
                .mapTo(String.class)
                .list());
    }

    /** Subscriptions that have a row for {@code period}, whatever its state. */
    public Set<Long> planned(String period) {
        return db.withHandle(
                h -> new HashSet<>(h.createQuery("SELECT subscription_id FROM digest_ledger WHERE period = :period")
                        .bind("period", period)
                        .mapTo(Long.class)
                        .list()));
    }

    /** The row of one subscription and period, if planned. */
    public java.util.Optional<Entry> find(long subscriptionId, String period) {
        return db.withHandle(h -> h.createQuery("SELECT " + ENTRY_COLUMNS
                        + " FROM digest_ledger WHERE subscription_id = :id AND period = :period")
                .bind("id", subscriptionId)
                .bind("period", period)
                .map((rs, ctx) -> entry(rs))
                .findOne());
    }

    private static Entry entry(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Entry(
                rs.getLong(1),
                rs.getString(2),
                State.valueOf(rs.getString(3).toUpperCase(Locale.ROOT)),
                rs.getInt(4),
                rs.getString(5));
    }

    /**
     * Takes a planned digest for sending with {@code messageId} (planned to sending); false when it
     * is not planned.
     */
    public boolean claim(long subscriptionId, String period, String messageId) {
        int n = db.withHandle(
                h -> h.createUpdate("UPDATE digest_ledger SET state = 'sending', attempts = attempts + 1, "
                                + "claimed_at = :epoch, message_id = :mid "
                                + "WHERE subscription_id = :id AND period = :period AND state = 'planned'")
                        .bind("epoch", clock.instant().getEpochSecond())
                        .bind("mid", messageId)
                        .bind("id", subscriptionId)
                        .bind("period", period)
                        .execute());
        return n == 1;
    }

    /**
     * Records that the end of a claimed digest is about to be sent (sending to unconfirmed): from
     * here on the server may have it, even if this process dies before hearing so.
     */
    public boolean markUnconfirmed(long subscriptionId, String period) {
        return move(subscriptionId, period, "state = 'unconfirmed'", IN_FLIGHT, null);
    }

    /**
     * Records a delivered digest and the papers it carried, in one transaction: those papers are
     * never sent to the subscription again.
     */
    public void markSent(long subscriptionId, String period, List<String> paperIds) {
        String now = clock.instant().toString();
        db.inTransaction(h -> {
            h.createUpdate("UPDATE digest_ledger SET state = 'sent', papers = :papers, finished_at = :now, "
                            + "last_error = NULL WHERE subscription_id = :id AND period = :period "
                            + "AND " + IN_FLIGHT)
                    .bind("papers", paperIds.size())
                    .bind("now", now)
                    .bind("id", subscriptionId)
                    .bind("period", period)
                    .execute();
            var batch = h.prepareBatch("INSERT INTO digest_papers (subscription_id, paper_id, period) "
                    + "VALUES (:id, :paper, :period) ON CONFLICT DO NOTHING");
            for (String paper : paperIds) {
                batch.bind("id", subscriptionId)
                        .bind("paper", paper)
                        .bind("period", period)
                        .add();
            }
            if (!paperIds.isEmpty()) {
                batch.execute();
            }
            return null;
        });
    }

    /** A planned digest that will not be sent (nothing new, stale period, inactive address). */
    public boolean markSkipped(long subscriptionId, String period, String reason) {
        return move(
                subscriptionId,
                period,
                "state = 'skipped', finished_at = :now, last_error = :error",
                "state = 'planned'",
                reason);
    }

    /** A claimed digest whose delivery failed for now: planned again, for the next run. */
    public boolean release(long subscriptionId, String period, String error) {
        return move(subscriptionId, period, "state = 'planned', last_error = :error", IN_FLIGHT, error);
    }

    /** A claimed digest given up on (permanent failure or too many tries). */
    public boolean markFailed(long subscriptionId, String period, String error) {
        return move(
                subscriptionId, period, "state = 'failed', finished_at = :now, last_error = :error", IN_FLIGHT, error);
    }

    /**
     * Plans again every digest left {@code sending} or {@code unconfirmed}: call it only while
     * holding the digest run lock, when such rows can only belong to a run that died. Each keeps
     * its Message-ID, so a digest the server may have accepted goes out again under the same one.
     */
    public Resumed resume() {
        return db.inTransaction(h -> {
            int inDoubt = h.createQuery("SELECT COUNT(*) FROM digest_ledger WHERE state = 'unconfirmed'")
                    .mapTo(Integer.class)
                    .one();
            int all = h.createUpdate("UPDATE digest_ledger SET state = 'planned', last_error = CASE state "
                            + "WHEN 'unconfirmed' THEN 'resumed: the run died before the server answered the end "
                            + "of the message' ELSE 'resumed: the run died before sending the end of the message' "
                            + "END WHERE " + IN_FLIGHT)
                    .execute();
            return new Resumed(all, inDoubt);
        });
    }

    /** The papers among {@code paperIds} already sent to the subscription. */
    public Set<String> sentAmong(long subscriptionId, Collection<String> paperIds) {
        if (paperIds.isEmpty()) {
            return Set.of();
        }
        return db.withHandle(h -> new HashSet<>(h.createQuery(
                        "SELECT paper_id FROM digest_papers " + "WHERE subscription_id = :id AND paper_id IN (<ids>)")
                .bind("id", subscriptionId)
                .bindList("ids", List.copyOf(paperIds))
                .mapTo(String.class)
                .list()));
    }

    /** The papers sent to the subscription in digests of the given periods (day or week keys). */
    public Set<String> sentIn(long subscriptionId, Collection<String> periods) {
        if (periods.isEmpty()) {
            return Set.of();
        }
        return db.withHandle(h -> new HashSet<>(h.createQuery(
                        "SELECT paper_id FROM digest_papers " + "WHERE subscription_id = :id AND period IN (<periods>)")
                .bind("id", subscriptionId)
                .bindList("periods", List.copyOf(periods))
                .mapTo(String.class)
                .list()));
    }

    /** For each subscription that was ever sent a digest, the last day its latest digest covered. */
    public Map<Long, LocalDate> lastSentEnds() {
        Map<Long, LocalDate> out = new HashMap<>();
        db.withHandle(h -> h.createQuery("SELECT subscription_id, MAX(period_end) FROM digest_ledger "
                                + "WHERE state = 'sent' GROUP BY subscription_id")
                        .map((rs, ctx) -> Map.entry(rs.getLong(1), LocalDate.parse(rs.getString(2))))
                        .list())
                .forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    /** How many rows of {@code period} are in each state. */
    public Map<State, Integer> counts(String period) {
        Map<State, Integer> out = new TreeMap<>();
        db.withHandle(h -> h.createQuery(
                                "SELECT state, COUNT(*) FROM digest_ledger WHERE period = :period GROUP BY state")
                        .bind("period", period)
                        .map((rs, ctx) ->
                                Map.entry(State.valueOf(rs.getString(1).toUpperCase(Locale.ROOT)), rs.getInt(2)))
                        .list())
                .forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    /**
     * The digests of one period, as the admin overview shows a run: how many were sent, failed,
     * skipped or are still waiting (planned or in flight), and when the last one finished (null
     * before any did).
     */
    public record PeriodRun(
            String period,
            LocalDate periodEnd,
            int sent,
            int failed,
            int skipped,
            int waiting,
            java.time.Instant lastFinishedAt) {}

    /** The {@code limit} periods with the latest digest activity, latest first. */
    public List<PeriodRun> recentPeriods(int limit) {
        return db.withHandle(h -> h.createQuery("SELECT period, MAX(period_end), "
                        + "SUM(CASE WHEN state = 'sent' THEN 1 ELSE 0 END), "
                        + "SUM(CASE WHEN state = 'failed' THEN 1 ELSE 0 END), "
                        + "SUM(CASE WHEN state = 'skipped' THEN 1 ELSE 0 END), "
                        + "SUM(CASE WHEN state IN ('planned', 'sending', 'unconfirmed') THEN 1 ELSE 0 END), "
                        + "MAX(finished_at), MAX(COALESCE(finished_at, planned_at)) AS latest "
                        + "FROM digest_ledger GROUP BY period ORDER BY latest DESC, period DESC LIMIT :limit")
                .bind("limit", limit)
                .map((rs, ctx) -> new PeriodRun(
                        rs.getString(1),
                        LocalDate.parse(rs.getString(2)),
                        rs.getInt(3),
                        rs.getInt(4),
                        rs.getInt(5),
                        rs.getInt(6),
                        rs.getString(7) == null ? null : java.time.Instant.parse(rs.getString(7))))
                .list());
    }

    /** How many rows of every period are in each state. */
    public Map<State, Integer> totals() {
        Map<State, Integer> out = new TreeMap<>();
        db.withHandle(h -> h.createQuery("SELECT state, COUNT(*) FROM digest_ledger GROUP BY state")
                        .map((rs, ctx) ->
                                Map.entry(State.valueOf(rs.getString(1).toUpperCase(Locale.ROOT)), rs.getInt(2)))
                        .list())
                .forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    private static final String IN_FLIGHT = "state IN ('sending', 'unconfirmed')";

    private boolean move(long subscriptionId, String period, String set, String from, String error) {
        String sql =
                "UPDATE digest_ledger SET " + set + " WHERE subscription_id = :id AND period = :period AND " + from;
        return db.withHandle(h -> {
                    var update = h.createUpdate(sql).bind("id", subscriptionId).bind("period", period);
                    if (sql.contains(":now")) {
                        update.bind("now", clock.instant().toString());
                    }
                    if (sql.contains(":error")) {
                        update.bind("error", error == null ? null : shorten(error));
                    }
                    return update.execute();
                })
                == 1;
    }

    private static String shorten(String s) {
        return s.length() > 500 ? s.substring(0, 500) + "..." : s;
    }
}
