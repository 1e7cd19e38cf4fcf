package org.paperboy.sources;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/**
 * When a source runs: {@link Every} a period (hf-daily: hourly), or {@link DailyAt} a time of day in
 * UTC (arxiv: after arXiv's announcement). A schedule also bounds the random delay added to each
 * run (so that many installations do not call an upstream at the same second) and the longest
 * back-off after failures.
 */
public sealed interface Schedule {

    /** The next regular run after a run that started at {@code now}. */
    Instant nextAfter(Instant now);

    /** The largest random delay added to a regular run. */
    Duration jitter();

    /** The longest wait after a failure, however many failed in a row. */
    Duration backoffCap();

    /** "every PT1H", "daily at 02:00 UTC". */
    String describe();

    /** Every {@code period}, counted from the start of the previous run. */
    record Every(Duration period) implements Schedule {
        public Every {
            if (period.isNegative() || period.isZero()) {
                throw new IllegalArgumentException("period " + period + " is not positive");
            }
        }

        @Override
        public Instant nextAfter(Instant now) {
            return now.plus(period);
        }

        @Override
        public Duration jitter() {
            Duration tenth = period.dividedBy(10);
            return tenth.compareTo(Duration.ofMinutes(5)) > 0 ? Duration.ofMinutes(5) : tenth;
        }

        @Override
        public Duration backoffCap() {
            return period.compareTo(Duration.ofHours(1)) < 0 ? period : Duration.ofHours(1);
        }

        @Override
        public String describe() {
            return "every " + period;
        }
    }

    /** Once a day at {@code time} UTC. */
    record DailyAt(LocalTime time) implements Schedule {
        @Override
        public Instant nextAfter(Instant now) {
            ZonedDateTime at = now.atZone(ZoneOffset.UTC).with(time);
            if (!at.toInstant().isAfter(now)) {
                at = at.plusDays(1);
            }
            return at.toInstant();
        }

        @Override
        public Duration jitter() {
            return Duration.ofMinutes(10);
        }

        @Override
        public Duration backoffCap() {
            return Duration.ofHours(2);
        }

        @Override
        public String describe() {
            return "daily at " + time + " UTC";
        }
    }
}
