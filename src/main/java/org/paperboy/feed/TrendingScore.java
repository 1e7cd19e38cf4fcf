package org.paperboy.feed;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * How hot a paper is: its upvotes divided by its age plus two hours, raised to a gravity, as on
 * Hacker News: {@code upvotes / (ageHours + 2)^gravity}. Upvotes count both kinds: the upstream's
 * (Hugging Face) and, weighted {@value #LOCAL_WEIGHT} times, the votes cast on this site. Age runs
 * from the start (UTC) of the day the paper was listed; a higher gravity favours newer papers.
 * See docs/feed.md.
 */
public record TrendingScore(double gravity) {

    /** The gravity Hacker News is known to use (1.8). */
    public static final TrendingScore DEFAULT = new TrendingScore(1.8);

    public TrendingScore {
        if (!(gravity > 0)) {
            throw new IllegalArgumentException("gravity: " + gravity + " is not positive");
        }
    }

    /**
     * What one vote cast here is worth against one upstream upvote: this site's readers are a far
     * smaller crowd than Hugging Face's, so their votes weigh more to be felt at all (docs/feed.md).
     */
    public static final int LOCAL_WEIGHT = 3;

    /** The score of a paper with {@code upstream} upvotes and {@code local} votes cast here. */
    public double score(int upstream, int local, LocalDate listedOn, Instant now) {
        return score(upstream + LOCAL_WEIGHT * local, listedOn, now);
    }

    /** The score of {@code upvotes} already weighted (or of one kind only). */
    public double score(int upvotes, LocalDate listedOn, Instant now) {
        Instant listed = listedOn.atStartOfDay(ZoneOffset.UTC).toInstant();
        double ageHours = Math.max(0, Duration.between(listed, now).toSeconds() / 3600.0);
        return upvotes / Math.pow(ageHours + 2, gravity);
    }
}
