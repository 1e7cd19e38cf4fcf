package org.paperboy.sources;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.random.RandomGenerator;
import org.paperboy.ingest.PageImporter;
import org.paperboy.store.Database;
import org.paperboy.store.RunLock;
import org.paperboy.store.SourceStateRepository;
import org.paperboy.store.SourceStateRepository.State;
import org.paperboy.store.UpstreamRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a source once under its run lock ({@code source-NAME}), so that of several processes on
 * one database only one runs it at a time, and only when it is due by the state all of them read:
 * the winner records the run, then the next run time (the schedule plus jitter after a success;
 * exponential back-off, or the upstream's {@code Retry-After} when longer, after a failure).
 */
public final class SourceRunner {

    private static final Logger LOG = LoggerFactory.getLogger(SourceRunner.class);

    /** The first wait after a failure; it doubles with each further failure, up to the schedule's cap. */
    static final Duration FIRST_BACKOFF = Duration.ofMinutes(1);

    /** The longest {@code Retry-After} taken: an upstream cannot park a source for days. */
    static final Duration MAX_RETRY_AFTER = Duration.ofHours(6);

    /** Why a run started. */
    public enum Cause {
        SCHEDULE,
        MANUAL,
        CLI;

        String key() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** What asking for a run did. */
    public sealed interface Outcome {
        /** The run happened: its record (status ok or failed). */
        record Ran(SourceStateRepository.Run run) implements Outcome {}

        /** Another process (or thread) is running the source now. */
        record Busy(String holder) implements Outcome {}

        /** The source is not due until {@code at} (another process ran it). */
        record NotDue(Instant at) implements Outcome {}
    }

    private final Database db;
    private final PageImporter importer;
    private final SourceStateRepository states;
    private final UpstreamRepository upstream;
    private final Clock clock;
    private final RandomGenerator random;
    private final int backfillDays;
    private final Runnable stored;

    /**
     * A runner storing through {@code importer}; {@code stored} is told after a run that added or
     * changed papers (the index and the feed's cache catch up).
     */
    public SourceRunner(
            Database db,
            PageImporter importer,
            SourceStateRepository states,
            UpstreamRepository upstream,
            Clock clock,
            RandomGenerator random,
            int backfillDays,
            Runnable stored) {
        this.db = db;
        this.importer = importer;
        this.states = states;
        this.upstream = upstream;
        this.clock = clock;
        this.random = random;
        this.backfillDays = backfillDays;
        this.stored = stored;
    }

    public Clock clock() {
        return clock;
    }

    public SourceStateRepository states() {
        return states;
    }

    /**
     * Runs {@code source} when it is due (or at once with {@code force}), fetching the days
     * {@code from}..{@code until} when given (else what is due), unless another holder of its run
     * lock is running it.
     */
    public Outcome run(
            PaperSource source, Cause cause, boolean force, LocalDate from, LocalDate until, BooleanSupplier stopping) {
        String name = source.name();
        Optional<RunLock> lock = RunLock.tryAcquire(db, "source-" + name);
        if (lock.isEmpty()) {
            return new Outcome.Busy(RunLock.holder(db, "source-" + name));
        }
        try (RunLock held = lock.get()) {
            int abandoned = states.abandonRunning(name);
            if (abandoned > 0) {
                LOG.warn(
                        "source {}: {} run(s) left by a stopped process marked abandoned; catching up",
                        name,
                        abandoned);
            }
            State state = states.find(name);
            Instant now = clock.instant();
            if (!force && state.nextRunAt() != null && now.isBefore(state.nextRunAt())) {
                return new Outcome.NotDue(state.nextRunAt());
            }
            return new Outcome.Ran(runLocked(source, cause, state, now, from, until, stopping));
        }
    }

    private SourceStateRepository.Run runLocked(
            PaperSource source,
            Cause cause,
            State state,
            Instant now,
            LocalDate from,
            LocalDate until,
            BooleanSupplier stopping) {
        String name = source.name();
        long runId = states.startRun(name, cause.key(), 0);
        SourceRun run = new SourceRun(
                name,
                runId,
                LocalDate.ofInstant(now, ZoneOffset.UTC),
                from,
                until,
                state.fetchedUntil(),
                backfillDays,
                stopping,
                db,
                importer,
                states,
                upstream);
        String failure = null;
        Duration retryAfter = null;
        try {
            source.run(run);
        } catch (SourceFailure e) {
            failure = e.getMessage();
            retryAfter = e.retryAfter();
        } catch (InterruptedException e) {
            failure = "stopped: the server shut down during the run; the next run goes on from the last stored page";
        } catch (RuntimeException e) {
            // The store or a bug, not the upstream: recorded the same way, and retried the same way.
            LOG.error("source {}: run failed", name, e);
            failure = "internal error: " + e;
        }
        if (run.startedImportRun()) {
            importer.finish(run.importRunId(), run.total(), failure);
        }
        Instant end = clock.instant();
        State before = states.find(name);
        State after;
        if (failure == null) {
            Instant next = source.schedule()
                    .nextAfter(now)
                    .plus(jitter(source.schedule().jitter()));
            after = new State(name, before.fetchedUntil(), next, 0, null, null, end);
        } else {
            int failures = before.failures() + 1;
            Duration wait = backoff(source.schedule(), failures);
            if (retryAfter != null) {
                Duration asked = retryAfter.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : retryAfter;
                if (asked.compareTo(wait) > 0) {
                    wait = asked;
                }
            }
            after = new State(
                    name,
                    before.fetchedUntil(),
                    end.plus(wait),
                    failures,
                    before.failingSince() != null ? before.failingSince() : now,
                    failure,
                    before.lastSuccessAt());
            LOG.warn(
                    "source {}: run failed ({} in a row), next try at {}: {}",
                    name,
                    failures,
                    after.nextRunAt(),
                    failure);
        }
        String error = failure;
        db.transaction(tx -> {
            states.save(tx, after);
            states.finishRun(tx, runId, error == null ? "ok" : "failed", error);
            return null;
        });
        SourceStateRepository.Run done = states.lastRun(name).orElseThrow();
        if (done.stored() > 0) {
            stored.run();
        }
        if (failure == null) {
            LOG.info(
                    "source {}: {} day(s), imported={} updated={} unchanged={} rejected={}; next run at {}",
                    name,
                    done.daysDone(),
                    done.imported(),
                    done.updated(),
                    done.unchanged(),
                    done.rejected(),
                    after.nextRunAt());
        }
        return done;
    }

    /**
     * The wait after {@code failures} failed runs in a row: {@link #FIRST_BACKOFF} (or the period
     * when shorter) doubling each time up to the schedule's cap, with "equal jitter" (half fixed,
     * half random) so that processes failing together do not retry together.
     */
    Duration backoff(Schedule schedule, int failures) {
        Duration cap = schedule.backoffCap();
        Duration d = FIRST_BACKOFF.compareTo(cap) > 0 ? cap : FIRST_BACKOFF;
        for (int i = 1; i < failures && d.compareTo(cap) < 0; i++) {
            d = d.multipliedBy(2);
        }
        if (d.compareTo(cap) > 0) {
            d = cap;
        }
        Duration half = d.dividedBy(2);
        return half.plus(jitter(half));
    }

    private Duration jitter(Duration bound) {
        long ms = bound.toMillis();
        return ms <= 0 ? Duration.ZERO : Duration.ofMillis(random.nextLong(ms + 1));
    }
}
