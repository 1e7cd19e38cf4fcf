package org.paperboy.digest;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the digests once a day at a time of day in a zone, inside {@code serve}. A server started
 * after that time sends the day's digests at once (the ledger makes a repeated run harmless). A
 * run waits until {@code ready} (model loaded, index caught up with the store), is retried a few
 * minutes after a failure (half an hour, up to {@value #MAX_RERUNS} times, when digests failed to
 * go out), and stops between two digests on {@link #close}.
 */
public final class DigestScheduler implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DigestScheduler.class);

    /** The longest sleep: the clock is looked at again at least this often (DST, clock changes). */
    static final Duration TICK = Duration.ofMinutes(1);

    private static final Duration NOT_READY_PAUSE = Duration.ofSeconds(30);
    private static final Duration AFTER_FAILURE = Duration.ofMinutes(5);
    private static final Duration RERUN_AFTER = Duration.ofMinutes(30);
    private static final int MAX_RERUNS = 3;

    private final DigestSender sender;
    private final Clock clock;
    private final LocalTime time;
    private final ZoneId zone;
    private final BooleanSupplier ready;
    private final Duration tick;
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final Object monitor = new Object();
    private Thread thread;
    private LocalDate lastDone;
    private LocalDate runDay;
    private ZonedDateTime retryAt;
    private int reruns;

    public DigestScheduler(DigestSender sender, Clock clock, LocalTime time, ZoneId zone, BooleanSupplier ready) {
        this(sender, clock, time, zone, ready, TICK);
    }

    /** A scheduler that looks at {@code clock} at least every {@code tick} (tests use a few milliseconds). */
    DigestScheduler(
            DigestSender sender, Clock clock, LocalTime time, ZoneId zone, BooleanSupplier ready, Duration tick) {
        this.tick = tick;
        this.sender = Objects.requireNonNull(sender, "sender");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.time = Objects.requireNonNull(time, "time");
        this.zone = Objects.requireNonNull(zone, "zone");
        this.ready = Objects.requireNonNull(ready, "ready");
    }

    /** Starts the scheduler thread. */
    public synchronized void start() {
        if (thread != null) {
            throw new IllegalStateException("the digest scheduler is already started");
        }
        thread = Thread.ofPlatform().name("digest-scheduler").daemon(true).start(this::loop);
        log.info("Digests are sent daily at {} ({})", time, zone);
    }

    private void loop() {
        while (!stopping.get()) {
            ZonedDateTime now = clock.instant().atZone(zone);
            LocalDate today = now.toLocalDate();
            ZonedDateTime due = today.atTime(time).atZone(zone);
            if (now.isBefore(due) || today.equals(lastDone)) {
                ZonedDateTime next =
                        now.isBefore(due) ? due : today.plusDays(1).atTime(time).atZone(zone);
                pause(Duration.between(now, next));
            } else if (retryAt != null && now.isBefore(retryAt)) {
                pause(Duration.between(now, retryAt));
            } else if (!ready.getAsBoolean()) {
                pause(NOT_READY_PAUSE);
            } else {
                if (!today.equals(runDay)) {
                    runDay = today;
                    reruns = 0;
                }
                try {
                    DigestReport report =
                            sender.run(DigestRun.scheduled(today), DigestSender.Listener.NONE, stopping::get);
                    if (report.failed() > 0 && reruns < MAX_RERUNS && !stopping.get()) {
                        // Failed digests stay planned: try them again later today.
                        reruns++;
                        retryAt = now.plus(RERUN_AFTER);
                    } else {
                        lastDone = today;
                        retryAt = null;
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                } catch (DigestSender.Busy e) {
                    log.info(
                            "Digests of {}: {}; trying again in {} minutes",
                            today,
                            e.getMessage(),
                            AFTER_FAILURE.toMinutes());
                    retryAt = now.plus(AFTER_FAILURE);
                } catch (RuntimeException e) {
                    log.error(
                            "The digest run of {} failed; retrying in {} minutes", today, AFTER_FAILURE.toMinutes(), e);
                    retryAt = now.plus(AFTER_FAILURE);
                }
            }
        }
    }

    private void pause(Duration d) {
        long ms = Math.max(1, Math.min(d.toMillis(), tick.toMillis()));
        synchronized (monitor) {
            if (stopping.get()) {
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

    /** Stops the thread, letting a run in progress finish the digest it is sending (up to a minute). */
    @Override
    public void close() {
        stopping.set(true);
        synchronized (monitor) {
            monitor.notifyAll();
        }
        Thread t;
        synchronized (this) {
            t = thread;
        }
        if (t != null) {
            try {
                t.join(Duration.ofSeconds(90));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
