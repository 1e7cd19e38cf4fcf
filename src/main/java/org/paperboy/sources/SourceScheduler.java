package org.paperboy.sources;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.paperboy.store.SourceStateRepository.State;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the scheduled sources inside {@code serve}: one thread per source, so a source that fails
 * or hangs never holds up another. Each thread sleeps until its source is due by the saved state
 * (at once after downtime: the catch-up), runs it through the {@link SourceRunner} (which takes
 * the run lock, so several processes on one database run it once), and sleeps again. "Run now"
 * wakes a source's thread. {@link #runDue} runs what is due in the caller's thread instead, for
 * tests that move a controllable clock.
 */
public final class SourceScheduler implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SourceScheduler.class);

    /** The longest sleep: the state is read again at least this often (another process's runs, clock changes). */
    public static final Duration TICK = Duration.ofSeconds(30);

    private final List<PaperSource> sources;
    private final SourceRunner runner;
    private final Duration tick;
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final Set<String> requested = ConcurrentHashMap.newKeySet();
    private final Object monitor = new Object();
    private final List<Thread> threads = new ArrayList<>();

    /** A scheduler of {@code sources} (none: nothing runs) that looks at the state at least every {@code tick}. */
    public SourceScheduler(List<PaperSource> sources, SourceRunner runner, Duration tick) {
        this.sources = List.copyOf(sources);
        this.runner = runner;
        this.tick = tick;
    }

    /** A scheduler without sources ({@code PAPERBOY_SOURCES=none}): nothing runs, every list is empty. */
    public static SourceScheduler none() {
        return new SourceScheduler(List.of(), null, TICK);
    }

    public List<PaperSource> sources() {
        return sources;
    }

    /** True when at least one source is configured ({@code PAPERBOY_SOURCES} is not {@code none}). */
    public boolean enabled() {
        return !sources.isEmpty();
    }

    public Optional<PaperSource> source(String name) {
        return sources.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /** Starts one thread per source. */
    public synchronized void start() {
        if (!threads.isEmpty()) {
            throw new IllegalStateException("the source scheduler is already started");
        }
        for (PaperSource s : sources) {
            threads.add(
                    Thread.ofPlatform().name("source-" + s.name()).daemon(true).start(() -> loop(s)));
            LOG.info(
                    "Source {} from {}: {}",
                    s.name(),
                    s.upstream(),
                    s.schedule().describe());
        }
    }

    private void loop(PaperSource source) {
        while (!stopping.get()) {
            try {
                boolean manual = requested.remove(source.name());
                State state = runner.states().find(source.name());
                Instant now = runner.clock().instant();
                if (manual || state.nextRunAt() == null || !now.isBefore(state.nextRunAt())) {
                    SourceRunner.Outcome o = runner.run(
                            source,
                            manual ? SourceRunner.Cause.MANUAL : SourceRunner.Cause.SCHEDULE,
                            manual,
                            null,
                            null,
                            stopping::get);
                    if (o instanceof SourceRunner.Outcome.Busy) {
                        pause(tick); // another process runs it; look again later
                    }
                } else {
                    pause(Duration.between(now, state.nextRunAt()));
                }
            } catch (RuntimeException e) {
                // The store is away, or a bug: this source waits and tries again; the others go on.
                LOG.error("source {}: the scheduler could not run it; trying again in {}", source.name(), tick, e);
                pause(tick);
            }
        }
    }

    private void pause(Duration d) {
        long ms = Math.max(1, Math.min(d.toMillis(), tick.toMillis()));
        synchronized (monitor) {
            if (stopping.get() || !requested.isEmpty()) {
                return;
            }
            try {
                monitor.wait(ms);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stopping.set(true);
            }
        }
    }

    /** Asks for a run of {@code name} now, whether due or not; false when there is no such source. */
    public boolean runNow(String name) {
        if (source(name).isEmpty()) {
            return false;
        }
        requested.add(name);
        synchronized (monitor) {
            monitor.notifyAll();
        }
        return true;
    }

    /** Runs every source that is due, one after the other in this thread; for tests and one-off runs. */
    public List<SourceRunner.Outcome> runDue() {
        List<SourceRunner.Outcome> out = new ArrayList<>();
        for (PaperSource s : sources) {
            try {
                out.add(runner.run(s, SourceRunner.Cause.SCHEDULE, false, null, null, stopping::get));
            } catch (RuntimeException e) {
                LOG.error("source {}: the scheduler could not run it", s.name(), e);
            }
        }
        return out;
    }

    /** The status of every source, in configuration order. */
    public List<SourceStatus> statuses() {
        List<SourceStatus> out = new ArrayList<>(sources.size());
        for (PaperSource s : sources) {
            out.add(status(s));
        }
        return out;
    }

    public SourceStatus status(PaperSource s) {
        var states = runner.states();
        return new SourceStatus(
                s.name(),
                s.upstream(),
                s.schedule().describe(),
                states.find(s.name()),
                states.lastRun(s.name()).orElse(null),
                states.totals(s.name()));
    }

    /** Stops the threads; a run in progress stops at its next page (waits up to 30 s for it). */
    @Override
    public void close() {
        stopping.set(true);
        synchronized (monitor) {
            monitor.notifyAll();
        }
        List<Thread> started;
        synchronized (this) {
            started = List.copyOf(threads);
        }
        for (Thread t : started) {
            try {
                t.join(Duration.ofSeconds(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
