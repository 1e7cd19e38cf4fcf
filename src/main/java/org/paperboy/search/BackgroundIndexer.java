package org.paperboy.search;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The indexing thread of a serving process: brings the index up to date with the store (documents
 * first, so BM25 answers at once, then vectors), then waits for papers stored on the site or by
 * another process. While another process writes the index it waits for the lock, searching that
 * process's last commit; an index shared by several machines' processes is written by one pass at
 * a time, whoever takes its lock. A failure (the index directory removed, a full disk) is retried with
 * back-off after reopening the index, and shown by {@link #status()} until a pass succeeds.
 */
public final class BackgroundIndexer implements Indexing, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BackgroundIndexer.class);

    /**
     * Pauses between attempts after failures: {@code first}, doubling up to {@code max}. {@code poll}
     * is how often papers stored by another process are looked for, and {@code lockPoll} how often a
     * read-only index refreshes and tries to take the write lock.
     */
    public record Timing(Duration first, Duration max, Duration poll, Duration lockPoll) {

        public static final Timing DEFAULT =
                new Timing(Duration.ofSeconds(2), Duration.ofMinutes(2), Duration.ofSeconds(10), Duration.ofSeconds(5));

        public Timing {
            for (Duration d : new Duration[] {first, max, poll, lockPoll}) {
                if (d == null || d.isNegative() || d.isZero()) {
                    throw new IllegalArgumentException("timing: " + d + " is not a positive duration");
                }
            }
        }

        /** The pause after the {@code failures}-th failure in a row (1-based). */
        Duration backoff(int failures) {
            Duration pause = first;
            for (int i = 1; i < failures && pause.compareTo(max) < 0; i++) {
                pause = pause.multipliedBy(2);
            }
            return pause.compareTo(max) > 0 ? max : pause;
        }
    }

    /** Progress of one pass, told when it starts and when it ends. */
    public interface Passes {
        Passes NONE = first -> IndexService.Listener.NONE;

        /** The listener for the next pass; {@code first} for the pass that catches up after start-up. */
        IndexService.Listener listener(boolean first);

        /**
         * Called after every pass that indexed something, and when another process was seen to
         * change the index (e.g. to drop cached feed pages).
         */
        default void passed() {}
    }

    private final SharedIndex index;
    private final Supplier<IndexService> service;
    private final Clock clock;
    private final Timing timing;
    private final Passes passes;
    private final Semaphore changed = new Semaphore(0);
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final Object stopSignal = new Object();
    private volatile IndexingStatus status;
    private volatile boolean caughtUp;
    private String seen; // the index's counts when last looked at, on the indexing thread
    private Thread thread;

    /**
     * @param service the index service over {@code index}; called on the indexing thread, the
     *     first call may load the model (seconds) and may fail, which is retried like any failure
     */
    public BackgroundIndexer(
            SharedIndex index, Supplier<IndexService> service, Clock clock, Timing timing, Passes passes) {
        this.index = Objects.requireNonNull(index, "index");
        this.service = Objects.requireNonNull(service, "service");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.timing = Objects.requireNonNull(timing, "timing");
        this.passes = Objects.requireNonNull(passes, "passes");
        this.status = new IndexingStatus(IndexingStatus.State.STARTING, clock.instant(), "");
    }

    /** Starts the indexing thread. */
    public synchronized BackgroundIndexer start() {
        if (thread != null) {
            throw new IllegalStateException("the background indexer is already running");
        }
        thread = Thread.ofPlatform().name("indexer").start(this::run);
        return this;
    }

    @Override
    public void changed() {
        changed.release();
    }

    @Override
    public IndexingStatus status() {
        return status;
    }

    /** True once a pass has indexed every paper stored before it began. */
    public boolean caughtUp() {
        return caughtUp;
    }

    /** Stops after the running batch (committed) and waits up to 30 s for the thread to end. */
    @Override
    public void close() {
        stopping.set(true);
        changed.release();
        synchronized (stopSignal) {
            stopSignal.notifyAll();
        }
        Thread t;
        synchronized (this) {
            t = thread;
        }
        if (t != null) {
            try {
                t.join(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Tells {@link Passes#passed} when this pass indexed something, or when the index changed since
     * last seen: another process (a node of the same cluster, an import) indexed papers.
     */
    private void noticeOtherWriters(boolean indexed) {
        String now = index.count() + "/" + index.countWithVector();
        boolean changedElsewhere = seen != null && !seen.equals(now);
        seen = now;
        if (indexed || changedElsewhere) {
            passes.passed();
        }
    }

    private void run() {
        boolean first = true;
        boolean reopen = false;
        int failures = 0;
        while (!stopping.get()) {
            try {
                if (reopen) {
                    index.reopen();
                    reopen = false;
                }
                if (!index.tryTakeOver()) {
                    if (status.state() != IndexingStatus.State.WAITING_FOR_LOCK) {
                        status = new IndexingStatus(IndexingStatus.State.WAITING_FOR_LOCK, clock.instant(), "");
                    }
                    noticeOtherWriters(false);
                    pause(timing.lockPoll());
                    continue;
                }
                long work;
                try {
                    IndexService indexService = service.get();
                    index.checkWritable();
                    indexService.reconcile();
                    if (!status.failing()) {
                        status = new IndexingStatus(IndexingStatus.State.INDEXING, clock.instant(), "");
                    }
                    IndexService.Listener progress = passes.listener(first);
                    work = indexService.syncDocuments(progress);
                    work += indexService.buildVectors(progress, stopping::get);
                    progress.finish();
                    if (stopping.get()) {
                        break;
                    }
                    indexService.compact();
                } finally {
                    index.endPass(); // a shared index's next turn is free, after a failure too
                }
                if (failures > 0) {
                    LOG.info("Indexing works again after {} failed attempts", failures);
                }
                failures = 0;
                first = false;
                caughtUp = true;
                status = new IndexingStatus(IndexingStatus.State.UP_TO_DATE, clock.instant(), "");
                noticeOtherWriters(work > 0);
                changed.tryAcquire(timing.poll().toMillis(), TimeUnit.MILLISECONDS);
                changed.drainPermits();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                if (stopping.get()) {
                    return; // a shutdown may interrupt loading the model: nothing to report
                }
                failures++;
                String problem = String.valueOf(e.getMessage() == null ? e : e.getMessage());
                java.time.Instant since = status.failing() ? status.since() : clock.instant();
                status = new IndexingStatus(IndexingStatus.State.FAILING, since, problem);
                Duration pause = timing.backoff(failures);
                LOG.warn(
                        "Indexing failed ({} in a row), retrying in {} s: {}",
                        failures,
                        String.format(java.util.Locale.ROOT, "%.1f", pause.toMillis() / 1000.0),
                        problem);
                LOG.debug("indexing failure", e);
                pause(pause);
                reopen = true;
            }
        }
    }

    /** Waits {@code duration} or until {@link #close()}. */
    private void pause(Duration duration) {
        synchronized (stopSignal) {
            if (stopping.get()) {
                return;
            }
            try {
                stopSignal.wait(duration.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stopping.set(true);
            }
        }
    }
}
