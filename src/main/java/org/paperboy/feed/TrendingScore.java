package org.paperboy.feed;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * How hot a paper is: its upvotes divided by its age plus two hours, raised to a gravity, as on
 * Hacker News: {@code upvotes / (ageHours + 2)^gravity}. Age runs from the start (UTC) of the day
 * the paper was listed; a higher gravity favours newer papers. See docs/feed.md.
 */
public record TrendingScore(double gravity) {

    /** The gravity Hacker News is known to use (1.8). */
    public static final TrendingScore DEFAULT = new TrendingScore(1.8);

    public TrendingScore {
        if (!(gravity > 0)) {
            throw new IllegalArgumentException("gravity: " + gravity + " is not positive");
        }
    }

    public double score(int upvotes, LocalDate listedOn, Instant now) {
        Instant listed = listedOn.atStartOfDay(ZoneOffset.UTC).toInstant();
        double ageHours = Math.max(0, Duration.between(listed, now).toSeconds() / 3600.0);
        return upvotes / Math.pow(ageHours + 2, gravity);
    }
}
