package org.paperboy.digest;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How often a digest is tried within one run and how long to wait between tries: the pause
 * doubles from {@code firstDelay} up to {@code maxDelay}, jittered by ±50% so that senders that
 * failed together do not retry together.
 */
public record Retry(int attempts, Duration firstDelay, Duration maxDelay) {

    /** Three tries, 2 s then 4 s apart (before jitter). */
    public static final Retry DEFAULT = new Retry(3, Duration.ofSeconds(2), Duration.ofSeconds(30));

    /** Waits between tries; tests pass one that does not sleep. */
    public interface Sleeper {
        Sleeper REAL = d -> Thread.sleep(d.toMillis());

        void sleep(Duration d) throws InterruptedException;
    }

    public Retry {
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts: " + attempts + " is not at least 1");
        }
    }

    /** The pause after failed try {@code n} (from 1). */
    Duration delay(int n) {
        long base = Math.min(maxDelay.toMillis(), firstDelay.toMillis() << Math.min(n - 1, 20));
        return Duration.ofMillis(
                (long) (base * (0.5 + ThreadLocalRandom.current().nextDouble())));
    }
}
