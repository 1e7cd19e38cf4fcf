package org.paperboy.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class TrendingScoreTest {

    private static final Instant NOON_JULY_2 = Instant.parse("2026-07-02T12:00:00Z");

    @Test
    void divides_upvotes_by_age_plus_two_hours_to_the_gravity() {
        // Listed July 1: 36 hours old at noon on July 2; 10 / 38^1.8.
        double score = TrendingScore.DEFAULT.score(10, LocalDate.of(2026, 7, 1), NOON_JULY_2);
        assertThat(score).isCloseTo(10 / Math.pow(38, 1.8), within(1e-12));
    }

    @Test
    void a_newer_paper_with_fewer_votes_can_outrank_an_older_one() {
        double older = TrendingScore.DEFAULT.score(20, LocalDate.of(2026, 6, 25), NOON_JULY_2);
        double newer = TrendingScore.DEFAULT.score(5, LocalDate.of(2026, 7, 2), NOON_JULY_2);
        assertThat(newer).isGreaterThan(older);
    }

    @Test
    void a_paper_listed_in_the_future_counts_as_brand_new() {
        double future = TrendingScore.DEFAULT.score(4, LocalDate.of(2026, 7, 9), NOON_JULY_2);
        assertThat(future).isCloseTo(4 / Math.pow(2, 1.8), within(1e-12));
    }

    @Test
    void no_upvotes_score_zero() {
        assertThat(TrendingScore.DEFAULT.score(0, LocalDate.of(2026, 7, 1), NOON_JULY_2))
                .isZero();
    }

    @Test
    void refuses_a_gravity_that_is_not_positive() {
        assertThatThrownBy(() -> new TrendingScore(0)).hasMessage("gravity: 0.0 is not positive");
    }
}
