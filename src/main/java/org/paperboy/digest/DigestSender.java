package org.paperboy.digest;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.paperboy.feed.Period;
import org.paperboy.mail.MailException;
import org.paperboy.mail.MailMessage;
import org.paperboy.mail.Mailer;
import org.paperboy.store.DigestLedgerRepository;
import org.paperboy.store.DigestLedgerRepository.Entry;
import org.paperboy.store.DigestLedgerRepository.Resumed;
import org.paperboy.store.DigestLedgerRepository.State;
import org.paperboy.store.RunLock;
import org.paperboy.store.Subscription;
import org.paperboy.store.Subscription.Frequency;
import org.paperboy.store.SubscriptionRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends due digests once and only once. One run at a time holds the installation's digest run
 * lock. Each (subscription, period) is planned in the ledger; a digest is composed, then claimed
 * ({@code sending}, with the Message-ID it goes out with) before the SMTP transaction, marked
 * {@code unconfirmed} just before the line that ends the message, and recorded {@code sent}, with
 * its papers, as soon as the server accepted it. A run that died left its digests in flight
 * {@code sending} or {@code unconfirmed}; the next run takes the lock, so it knows their run is
 * dead, and sends them again: a {@code sending} one cannot have reached the server, an
 * {@code unconfirmed} one may have in the moment between the end of the message and the recording
 * of the answer, and goes out again with the same Message-ID (see docs/digest.md). Digests a run
 * left planned in earlier periods (failed for now, not reached) are sent by the next run too.
 * Temporary SMTP failures are retried with jittered exponential back-off, then left planned for
 * the next run; an address failing permanently {@value #BOUNCE_LIMIT} times in a row is marked
 * bouncing and skipped.
 */
public final class DigestSender {

    /**
     * SMTP connections (and threads) a run uses at once by default, each with one message in
     * flight: also the most digests a {@code kill -9} can leave in doubt, to be sent twice (issue
     * 11). Four send as fast as eight to a relay that answers at once (BENCHMARKS.md), and halve
     * what a crash can duplicate against one that takes seconds.
     */
    public static final int CONNECTIONS = 4;

    /** Permanent failures in a row after which an address is skipped. */
    public static final int BOUNCE_LIMIT = 3;

    /** Runs that may try one digest before it is given up. */
    public static final int MAX_ATTEMPTS = 5;

    /** Temporary failures in a row after which a run stops: the server is down, not one address. */
    static final int STOP_AFTER_FAILURES = 5;

    /** How far back a run looks for digests earlier runs left planned: a week of periods. */
    static final int CATCH_UP_DAYS = 7;

    /** Another digest run (in this or another process) holds the lock; this one sent nothing. */
    public static final class Busy extends IllegalStateException {
        Busy(String holder) {
            super("another digest run is in progress (" + holder + "); nothing was sent by this one");
        }
    }

    private static final Logger log = LoggerFactory.getLogger(DigestSender.class);

    /** Hears what a run does, digest by digest. */
    public interface Listener {
        Listener NONE = new Listener() {};

        /** A dry run would send {@code message}. */
        default void wouldSend(Digest digest, MailMessage message) {}

        /** A digest was not delivered; {@code permanent} when retrying cannot help. */
        default void failed(Subscription subscription, Period period, String error, boolean permanent) {}
    }

    private final SubscriptionRepository subscriptions;
    private final DigestLedgerRepository ledger;
    private final DigestPlanner planner;
    private final DigestComposer composer;
    private final Mailer mailer;
    private final int workers;
    private final Retry retry;
    private final Retry.Sleeper sleeper;
    private final ReentrantLock running = new ReentrantLock();
    private final ReentrantLock writes = new ReentrantLock();

    public DigestSender(
            SubscriptionRepository subscriptions,
            DigestLedgerRepository ledger,
            DigestPlanner planner,
            DigestComposer composer,
            Mailer mailer,
            int workers,
            Retry retry,
            Retry.Sleeper sleeper) {
        if (workers < 1) {
            throw new IllegalArgumentException("workers: " + workers + " is not at least 1");
        }
        this.subscriptions = subscriptions;
        this.ledger = ledger;
        this.planner = planner;
        this.composer = composer;
        this.mailer = mailer;
        this.workers = workers;
        this.retry = Objects.requireNonNull(retry, "retry");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    }

    /**
     * Plans and sends the digests of {@code run}, after the digests earlier runs left unfinished.
     *
     * @throws Busy when another run holds the lock (a dry run needs none)
     * @throws IllegalStateException when subscribers have alerts and the embedding model is not loaded
     * @throws InterruptedException when interrupted between tries; claimed digests are released
     */
    public DigestReport run(DigestRun run, Listener listener) throws InterruptedException {
        return run(run, listener, () -> false);
    }

    /**
     * {@link #run(DigestRun, Listener)}, stopping between two digests once {@code stop} says so;
     * the digests not reached stay planned for the next run.
     */
    public DigestReport run(DigestRun run, Listener listener, BooleanSupplier stop) throws InterruptedException {
        running.lock();
        try (RunLock lock =
                run.dryRun() ? null : ledger.tryLockRuns().orElseThrow(() -> new Busy(ledger.runLockHolder()))) {
            planner.clear();
            Map<Long, Subscription> active = new HashMap<>();
            Map<Frequency, List<Subscription>> byFrequency = new EnumMap<>(Frequency.class);
            for (Subscription s : subscriptions.active()) {
                active.put(s.id(), s);
                byFrequency
                        .computeIfAbsent(s.settings().frequency(), f -> new ArrayList<>())
                        .add(s);
            }
            Tally tally = new Tally(ledger.lastSentEnds(), listener, stop);
            if (lock != null) {
                Resumed resumed = ledger.resume();
                tally.resumed.set(resumed.digests());
                tally.inDoubt.set(resumed.inDoubt());
                if (resumed.digests() > 0) {
                    log.warn(
                            "Resuming {} digests a stopped run left in flight; {} of them may have reached the server "
                                    + "and go out again with the same Message-ID",
                            resumed.digests(),
                            resumed.inDoubt());
                }
            }
            Map<Frequency, Period> current = new EnumMap<>(Frequency.class);
            for (Frequency f : Frequency.values()) {
                current.put(f, DigestPlanner.period(f, run.date(), run.explicitDate()));
            }
            Set<String> currentKeys = current.values().stream().map(Period::key).collect(Collectors.toSet());
            // First what earlier runs left planned (a failed try, a stopped or dead run), oldest first.
            for (String key : ledger.periodsWithPlanned(run.date().minusDays(CATCH_UP_DAYS))) {
                if (tally.stopping()) {
                    break;
                }
                if (!currentKeys.contains(key)) {
                    runPeriod(run, periodOf(key), List.of(), active, tally);
                }
            }
            for (Map.Entry<Frequency, Period> e : current.entrySet()) {
                if (tally.stopping()) {
                    break;
                }
                runPeriod(run, e.getValue(), byFrequency.getOrDefault(e.getKey(), List.of()), active, tally);
            }
            DigestReport report = tally.report(planner.alertsByKeywords());
            if (report.alertsByKeywords() > 0) {
                log.warn(
                        "Alerts matched {} papers by their words alone: they had no vector yet (the index is "
                                + "still embedding them)",
                        report.alertsByKeywords());
            }
            log.info("Digest run for {}: {}", run.date(), report.line());
            return report;
        } finally {
            running.unlock();
        }
    }

    /** The period of a ledger key: an ISO week ({@code 2026-W27}) or a day. */
    static Period periodOf(String key) {
        return Period.parse(key.contains("W") ? Period.Kind.WEEK : Period.Kind.DAY, key);
    }

    /**
     * Plans the digests of {@code period} for {@code toPlan} (those not planned yet), then sends
     * every planned digest of the period whose subscription is among {@code active}.
     */
    private void runPeriod(
            DigestRun run, Period period, List<Subscription> toPlan, Map<Long, Subscription> active, Tally tally)
            throws InterruptedException {
        String key = period.key();
        List<Entry> due = new ArrayList<>();
        if (run.dryRun()) {
            Set<Long> known = ledger.planned(key);
            toPlan.stream()
                    .filter(s -> !known.contains(s.id()))
                    .forEach(s -> due.add(new Entry(s.id(), key, State.PLANNED, 0, null)));
        } else {
            ledger.plan(toPlan.stream().map(Subscription::id).toList(), key, period.to());
        }
        due.addAll(ledger.inState(key, State.PLANNED));
        boolean alerts = due.stream()
                .map(e -> active.get(e.subscriptionId()))
                .anyMatch(s -> s != null && !s.settings().alerts().isEmpty());
        if (alerts && !planner.alertsReady()) {
            throw new IllegalStateException("the embedding model is not loaded yet; alerts cannot be matched");
        }
        if (workers == 1 || due.size() < 2) {
            for (Entry e : due) {
                if (tally.stopping()) {
                    break;
                }
                one(run, period, active.get(e.subscriptionId()), e, tally);
            }
        } else {
            inParallel(run, period, active, due, tally);
        }
    }

    /** The digests of {@code due} on {@link #workers} threads; an Error or interruption in one stops them all. */
    private void inParallel(DigestRun run, Period period, Map<Long, Subscription> byId, List<Entry> due, Tally tally)
            throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(
                workers, Thread.ofPlatform().name("digest-", 1).daemon(true).factory());
        List<Future<?>> tasks = new ArrayList<>(due.size());
        try {
            for (Entry e : due) {
                tasks.add(pool.submit(() -> {
                    if (!tally.stopping()) {
                        one(run, period, byId.get(e.subscriptionId()), e, tally);
                    }
                    return null;
                }));
            }
            Throwable first = null;
            for (Future<?> f : tasks) {
                try {
                    f.get();
                } catch (ExecutionException ex) {
                    tally.stopped.set(true);
                    if (first == null) {
                        first = ex.getCause();
                    }
                }
            }
            if (first instanceof Error err) {
                throw err;
            }
            if (first instanceof InterruptedException ie) {
                throw ie;
            }
            if (first instanceof RuntimeException re) {
                throw re;
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** One digest: compose it, then skip, list (dry run) or claim and deliver it. */
    private void one(DigestRun run, Period period, Subscription s, Entry entry, Tally tally)
            throws InterruptedException {
        String key = period.key();
        long id = entry.subscriptionId();
        tally.planned.incrementAndGet();
        if (s == null) {
            skip(run, id, key, "the subscription is not active", tally);
            return;
        }
        LocalDate last = tally.lastSent.get(id);
        if (last != null && !last.isBefore(period.to())) {
            skip(run, id, key, "a digest up to " + last + " was sent already", tally);
            return;
        }
        Digest digest;
        MailMessage message;
        try {
            digest = planner.compose(s, period);
            message = digest.isEmpty() ? null : composer.message(digest);
        } catch (RuntimeException e) {
            log.error("Composing the {} digest of subscription {} failed; it stays planned", key, id, e);
            tally.failed.incrementAndGet();
            return;
        }
        if (message == null) {
            skip(run, id, key, "nothing new", tally);
        } else if (run.dryRun()) {
            tally.listener.wouldSend(digest, message);
        } else {
            // A digest sent again keeps its Message-ID: a copy the server may have accepted before is the same message.
            String messageId = entry.messageId() != null ? entry.messageId() : composer.newMessageId(key);
            if (write(() -> ledger.claim(id, key, messageId))) {
                deliver(s, period, digest, message.withHeader("Message-ID", messageId), entry.attempts() + 1, tally);
            }
        }
    }

    private void skip(DigestRun run, long id, String key, String reason, Tally tally) {
        if (!run.dryRun()) {
            write(() -> ledger.markSkipped(id, key, reason));
        }
        tally.skipped.incrementAndGet();
    }

    private void deliver(Subscription s, Period period, Digest digest, MailMessage message, int attempts, Tally tally)
            throws InterruptedException {
        String key = period.key();
        for (int attempt = 1; ; attempt++) {
            String error = null;
            boolean permanent = false;
            try {
                mailer.send(message, () -> write(() -> ledger.markUnconfirmed(s.id(), key)));
            } catch (MailException e) {
                error = e.getMessage();
                permanent = e.permanent();
            } catch (RuntimeException e) {
                // Not the mailer's failure type (a closed mailer, a bug): nothing was delivered; try again later.
                error = e.toString();
            }
            if (error == null) {
                // Accepted by the server: record it at once; a crash before this leaves it unconfirmed.
                write(() -> {
                    ledger.markSent(s.id(), key, digest.paperIds());
                    if (s.consecutiveFailures() > 0) {
                        subscriptions.recordDelivery(s.id());
                    }
                    return null;
                });
                tally.sent.incrementAndGet();
                tally.failuresInARow.set(0);
                return;
            }
            if (permanent) {
                String reason = error;
                int inARow = write(() -> {
                    ledger.markFailed(s.id(), key, reason);
                    return subscriptions.recordPermanentFailure(s.id(), reason, BOUNCE_LIMIT);
                });
                log.warn(
                        "Digest {} to subscription {} failed permanently ({} in a row): {}",
                        key,
                        s.id(),
                        inARow,
                        error);
                tally.listener.failed(s, period, error, true);
                tally.failed.incrementAndGet();
                tally.failuresInARow.set(0);
                return;
            }
            // Once the run is asked to stop, a digest that failed for now waits for the next run.
            if (attempt < retry.attempts() && !tally.stopping()) {
                try {
                    sleeper.sleep(retry.delay(attempt));
                } catch (InterruptedException stop) {
                    String reason = "interrupted: " + error;
                    write(() -> ledger.release(s.id(), key, reason));
                    throw stop;
                }
                continue;
            }
            String reason = error;
            write(() -> attempts >= MAX_ATTEMPTS
                    ? ledger.markFailed(s.id(), key, "gave up after " + attempts + " runs: " + reason)
                    : ledger.release(s.id(), key, reason));
            log.warn("Digest {} to subscription {} failed after {} tries: {}", key, s.id(), attempt, error);
            tally.listener.failed(s, period, error, false);
            tally.failed.incrementAndGet();
            if (tally.failuresInARow.incrementAndGet() >= STOP_AFTER_FAILURES) {
                if (!tally.stopped.getAndSet(true)) {
                    log.error(
                            "Stopping the digest run: {} digests in a row could not be delivered", STOP_AFTER_FAILURES);
                }
            }
            return;
        }
    }

    /**
     * Runs one ledger write at a time: SQLite allows one writer, and a writer that finds the
     * database locked backs off by sleeping, so workers colliding there lose far more time than
     * waiting here.
     */
    private <T> T write(java.util.function.Supplier<T> w) {
        writes.lock();
        try {
            return w.get();
        } finally {
            writes.unlock();
        }
    }

    /** What one run shares between its workers: counts, the stop signal, the last digest of each subscription. */
    private static final class Tally {
        final AtomicInteger planned = new AtomicInteger();
        final AtomicInteger sent = new AtomicInteger();
        final AtomicInteger skipped = new AtomicInteger();
        final AtomicInteger failed = new AtomicInteger();
        final AtomicInteger resumed = new AtomicInteger();
        final AtomicInteger inDoubt = new AtomicInteger();
        final AtomicInteger failuresInARow = new AtomicInteger();
        final AtomicBoolean stopped = new AtomicBoolean();
        final Map<Long, LocalDate> lastSent;
        final Listener listener;
        final BooleanSupplier stop;

        Tally(Map<Long, LocalDate> lastSent, Listener listener, BooleanSupplier stop) {
            this.lastSent = lastSent;
            this.listener = listener;
            this.stop = stop;
        }

        /** Whether the run should stop before the next digest (asked to, or the server keeps failing). */
        boolean stopping() {
            if (stop.getAsBoolean()) {
                stopped.set(true);
            }
            return stopped.get();
        }

        DigestReport report(int alertsByKeywords) {
            return new DigestReport(
                    planned.get(),
                    sent.get(),
                    skipped.get(),
                    failed.get(),
                    resumed.get(),
                    inDoubt.get(),
                    alertsByKeywords);
        }
    }
}
