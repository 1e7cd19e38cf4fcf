package org.paperboy.web;

import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One {@link Limit} enforced per key (an IP address, an account, an e-mail address) with a token
 * bucket per key: a full bucket allows {@code permits} requests at once, then one more each
 * {@code period / permits}. Time comes from the clock given, so tests step it. Memory stays
 * bounded: keys whose bucket has refilled are dropped, and past {@code maxKeys} the fullest
 * buckets go first. Safe for concurrent use.
 */
public final class RateLimiter {

    /**
     * How many requests of one kind a key may make per period; {@code action} names them for the
     * refusal ("too many sign-in e-mails to this address"). The site's limits are the constants.
     */
    public record Limit(String action, int permits, Duration period) {

        /** Sign-in e-mails requested from one IP address. */
        public static final Limit SIGN_IN_PER_IP =
                new Limit("sign-in e-mails requested from your network", 5, Duration.ofMinutes(15));
        /** Sign-in e-mails sent to one address. */
        public static final Limit SIGN_IN_PER_ADDRESS =
                new Limit("sign-in e-mails sent to this address", 3, Duration.ofMinutes(15));
        /** Upvotes (and taking them back) by one account. */
        public static final Limit VOTES_PER_ACCOUNT = new Limit("votes from your account", 60, Duration.ofMinutes(1));
        /** Upvotes from one IP address. */
        public static final Limit VOTES_PER_IP = new Limit("votes from your network", 120, Duration.ofMinutes(1));
        /** Papers submitted by one account. */
        public static final Limit SUBMISSIONS_PER_ACCOUNT =
                new Limit("papers submitted from your account", 20, Duration.ofHours(1));
        /** Papers submitted from one IP address. */
        public static final Limit SUBMISSIONS_PER_IP =
                new Limit("papers submitted from your network", 30, Duration.ofHours(1));

        /** Saves, feedback, follows and seeds by one account (issue 12: 10,000 saves a minute are refused). */
        public static final Limit SIGNALS_PER_ACCOUNT =
                new Limit("library and feedback changes from your account", 120, Duration.ofMinutes(1));
        /** Saves, feedback, follows and seeds from one IP address. */
        public static final Limit SIGNALS_PER_IP =
                new Limit("library and feedback changes from your network", 240, Duration.ofMinutes(1));

        public Limit {
            Objects.requireNonNull(action, "action");
            Objects.requireNonNull(period, "period");
            if (permits < 1) {
                throw new IllegalArgumentException("permits=" + permits + " must be at least 1");
            }
            if (period.isNegative() || period.isZero()) {
                throw new IllegalArgumentException("period=" + period + " must be positive");
            }
        }

        /** The time one permit takes to come back. */
        Duration interval() {
            return period.dividedBy(permits);
        }
    }

    /** Keys kept before the fullest buckets are dropped; about 10 MB at the most. */
    static final int DEFAULT_MAX_KEYS = 100_000;

    private final Limit limit;
    private final Clock clock;
    private final int maxKeys;
    private final long intervalNanos;
    private final long toleranceNanos;
    // Per key the moment its bucket is full again (GCRA's "theoretical arrival time"), epoch nanos.
    // Immutable values, so a sweep's conditional remove never drops a bucket updated meanwhile.
    private final Map<String, Long> fullAt = new ConcurrentHashMap<>();
    private final AtomicLong lastSweep;

    public RateLimiter(Limit limit, Clock clock) {
        this(limit, clock, DEFAULT_MAX_KEYS);
    }

    RateLimiter(Limit limit, Clock clock, int maxKeys) {
        this.limit = Objects.requireNonNull(limit, "limit");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (maxKeys < 1) {
            throw new IllegalArgumentException("maxKeys=" + maxKeys + " must be at least 1");
        }
        this.maxKeys = maxKeys;
        this.intervalNanos = limit.interval().toNanos();
        this.toleranceNanos = limit.period().toNanos() - intervalNanos;
        this.lastSweep = new AtomicLong(nanos());
    }

    public Limit limit() {
        return limit;
    }

    /**
     * Takes one permit for {@code key}: {@link Duration#ZERO} when the request may go ahead,
     * otherwise how long until the next permit (nothing is taken then).
     */
    public Duration acquire(String key) {
        Objects.requireNonNull(key, "key");
        long now = nanos();
        long[] wait = new long[1];
        fullAt.compute(key, (k, at) -> {
            long tat = at == null ? now : Math.max(at, now);
            if (tat - now > toleranceNanos) {
                wait[0] = tat - toleranceNanos - now;
                return at;
            }
            return tat + intervalNanos;
        });
        long last = lastSweep.get();
        if (fullAt.size() > maxKeys || (now - last > limit.period().toNanos() && lastSweep.compareAndSet(last, now))) {
            sweep(now);
        }
        return Duration.ofNanos(wait[0]);
    }

    /**
     * Takes one permit for {@code key} or throws a 429 {@link HttpError} whose detail says what
     * was limited and when to try again, with {@code Retry-After} in whole seconds.
     */
    public void check(String key) {
        Duration wait = acquire(key);
        if (!wait.isZero()) {
            long seconds = retryAfterSeconds(wait);
            throw HttpError.tooManyRequests(
                    "too many " + limit.action() + "; try again in " + humane(seconds), seconds);
        }
    }

    /** Keys currently tracked. */
    int size() {
        return fullAt.size();
    }

    /** {@code wait} rounded up to whole seconds, at least 1: what {@code Retry-After} carries. */
    static long retryAfterSeconds(Duration wait) {
        long s = wait.toSeconds();
        return Math.max(1, wait.equals(Duration.ofSeconds(s)) ? s : s + 1);
    }

    /** "1 second", "45 seconds", "1 minute", "3 minutes" (rounded up), "2 hours". */
    static String humane(long seconds) {
        if (seconds < 60) {
            return seconds == 1 ? "1 second" : seconds + " seconds";
        }
        long minutes = (seconds + 59) / 60;
        if (minutes < 120) {
            return minutes == 1 ? "1 minute" : minutes + " minutes";
        }
        return ((minutes + 59) / 60) + " hours";
    }

    /** Drops refilled buckets; when still over {@code maxKeys}, drops the fuller half too. */
    private void sweep(long now) {
        fullAt.entrySet().removeIf(e -> e.getValue() <= now);
        if (fullAt.size() <= maxKeys) {
            return;
        }
        long[] moments = fullAt.values().stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(moments);
        long cutoff = moments[moments.length / 2];
        fullAt.entrySet().removeIf(e -> e.getValue() <= cutoff);
    }

    private long nanos() {
        var i = clock.instant();
        return Math.addExact(Math.multiplyExact(i.getEpochSecond(), 1_000_000_000L), i.getNano());
    }
}
