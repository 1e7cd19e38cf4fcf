package org.paperboy.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.YearMonth;
import org.junit.jupiter.api.Test;

class PeriodTest {

    @Test
    void a_day_is_one_day_with_its_url_and_label() {
        Period p = Period.parse(Period.Kind.DAY, "2026-06-30");
        assertThat(p.from()).isEqualTo(LocalDate.of(2026, 6, 30));
        assertThat(p.to()).isEqualTo(p.from());
        assertThat(p.key()).isEqualTo("2026-06-30");
        assertThat(p.path()).isEqualTo("/date/2026-06-30");
        assertThat(p.label()).isEqualTo("Tuesday, June 30, 2026");
        assertThat(p.previous().key()).isEqualTo("2026-06-29");
        assertThat(p.next().key()).isEqualTo("2026-07-01");
    }

    @Test
    void a_week_runs_monday_to_sunday_by_iso_numbering() {
        Period p = Period.parse(Period.Kind.WEEK, "2026-W27");
        assertThat(p.from()).isEqualTo(LocalDate.of(2026, 6, 29));
        assertThat(p.to()).isEqualTo(LocalDate.of(2026, 7, 5));
        assertThat(p.path()).isEqualTo("/week/2026-W27");
        assertThat(p.label()).isEqualTo("Week 27, 2026 · Jun 29 – Jul 5");
        assertThat(p.previous().key()).isEqualTo("2026-W26");
        assertThat(p.next().key()).isEqualTo("2026-W28");
        assertThat(Period.weekOf(LocalDate.of(2026, 7, 5))).isEqualTo(p);
    }

    @Test
    void week_one_may_start_in_the_previous_year_and_week_53_exists_only_in_long_years() {
        assertThat(Period.parse(Period.Kind.WEEK, "2026-W01").from()).isEqualTo(LocalDate.of(2025, 12, 29));
        assertThat(Period.parse(Period.Kind.WEEK, "2026-W53").from()).isEqualTo(LocalDate.of(2026, 12, 28));
        assertThatThrownBy(() -> Period.parse(Period.Kind.WEEK, "2025-W53"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'2025-W53' is not an ISO week YYYY-Www, e.g. 2026-W27");
        assertThat(Period.weekOf(LocalDate.of(2027, 1, 1)).key()).isEqualTo("2026-W53");
    }

    @Test
    void a_month_is_the_calendar_month() {
        Period p = Period.parse(Period.Kind.MONTH, "2026-02");
        assertThat(p.from()).isEqualTo(LocalDate.of(2026, 2, 1));
        assertThat(p.to()).isEqualTo(LocalDate.of(2026, 2, 28));
        assertThat(p.label()).isEqualTo("February 2026");
        assertThat(p.previous()).isEqualTo(Period.month(YearMonth.of(2026, 1)));
        assertThat(p.next().path()).isEqualTo("/month/2026-03");
    }

    @Test
    void refuses_malformed_keys_naming_the_value_and_the_form() {
        assertThatThrownBy(() -> Period.parse(Period.Kind.DAY, "2026-02-30"))
                .hasMessage("'2026-02-30' is not a day YYYY-MM-DD, e.g. 2026-06-30");
        assertThatThrownBy(() -> Period.parse(Period.Kind.MONTH, "2026-13"))
                .hasMessage("'2026-13' is not a month YYYY-MM, e.g. 2026-06");
        assertThatThrownBy(() -> Period.parse(Period.Kind.WEEK, "2026-27"))
                .hasMessage("'2026-27' is not an ISO week YYYY-Www, e.g. 2026-W27");
        assertThatThrownBy(() -> Period.parse(Period.Kind.DAY, null))
                .hasMessage("'' is not a day YYYY-MM-DD, e.g. 2026-06-30");
        assertThatThrownBy(() -> Period.parse(Period.Kind.DAY, "x".repeat(100)))
                .hasMessage("'" + "x".repeat(40) + "...' is not a day YYYY-MM-DD, e.g. 2026-06-30");
    }

    @Test
    void contains_both_ends() {
        Period p = Period.parse(Period.Kind.WEEK, "2026-W27");
        assertThat(p.contains(LocalDate.of(2026, 6, 29))).isTrue();
        assertThat(p.contains(LocalDate.of(2026, 7, 5))).isTrue();
        assertThat(p.contains(LocalDate.of(2026, 7, 6))).isFalse();
    }
}
