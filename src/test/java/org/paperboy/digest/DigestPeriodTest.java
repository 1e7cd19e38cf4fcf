package org.paperboy.digest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.paperboy.feed.Period;
import org.paperboy.store.Subscription.Frequency;

class DigestPeriodTest {

    private static final LocalDate WEDNESDAY = LocalDate.of(2026, 7, 1);

    @Test
    void a_scheduled_run_sends_the_day_before_and_the_last_complete_week() {
        assertThat(DigestPlanner.period(Frequency.DAILY, WEDNESDAY, false))
                .isEqualTo(Period.day(LocalDate.of(2026, 6, 30)));
        assertThat(DigestPlanner.period(Frequency.WEEKLY, WEDNESDAY, false).key())
                .isEqualTo("2026-W26");
        assertThat(DigestPlanner.period(Frequency.WEEKLY, LocalDate.of(2026, 7, 6), false)
                        .key())
                .isEqualTo("2026-W27");
    }

    @Test
    void a_run_for_a_date_sends_that_day_and_its_iso_week() {
        assertThat(DigestPlanner.period(Frequency.DAILY, WEDNESDAY, true)).isEqualTo(Period.day(WEDNESDAY));
        assertThat(DigestPlanner.period(Frequency.WEEKLY, WEDNESDAY, true))
                .isEqualTo(Period.weekOf(WEDNESDAY))
                .extracting(Period::key)
                .isEqualTo("2026-W27");
    }

    @Test
    void a_day_overlaps_itself_and_its_week_and_a_week_every_day_of_it() {
        assertThat(DigestPlanner.overlapping(Period.day(WEDNESDAY))).containsExactly("2026-07-01", "2026-W27");
        assertThat(DigestPlanner.overlapping(Period.weekOf(WEDNESDAY)))
                .containsExactly(
                        "2026-06-29",
                        "2026-W27",
                        "2026-06-30",
                        "2026-07-01",
                        "2026-07-02",
                        "2026-07-03",
                        "2026-07-04",
                        "2026-07-05");
    }
}
