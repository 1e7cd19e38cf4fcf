package org.paperboy.web;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SortedMap;
import org.paperboy.feed.Period;

/**
 * A small month calendar beside a feed: weeks from Monday, days with papers linked to their day
 * page (with the count for a tooltip), the days of the period being viewed marked, and links to
 * the month's page and the months around it.
 */
public record CalendarView(
        String label, String monthHref, String previousHref, String nextHref, List<List<Day>> weeks) {

    /** Column headings, Monday first as in ISO weeks. */
    public static final List<String> WEEKDAYS = List.of("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su");

    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("MMMM yyyy", Locale.ENGLISH);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("MMMM d", Locale.ENGLISH);

    /**
     * One cell: {@code number} 0 for the blanks before the 1st and after the last day;
     * {@code href} and {@code title} (how many there are) {@code null} for days without papers.
     */
    public record Day(int number, String href, String title, boolean selected, boolean inPeriod) {

        /** {@code "date"} for the day being viewed (its {@code aria-current}), else {@code null}. */
        public String ariaCurrent() {
            return selected ? "date" : null;
        }

        /** CSS classes of the cell: {@code in-period}, {@code has-papers}, or {@code null}. */
        public String cssClass() {
            String c = (inPeriod ? "in-period " : "") + (href != null ? "has-papers" : "");
            return c.isBlank() ? null : c.strip();
        }
    }

    public CalendarView {
        weeks = weeks.stream().map(List::copyOf).toList();
    }

    /**
     * The calendar of {@code month} with the paper counts of its days; {@code viewed} is the
     * period the page shows and {@code selected} the day it shows ({@code null} for weeks and months).
     */
    public static CalendarView of(
            YearMonth month, SortedMap<LocalDate, Integer> counts, Period viewed, LocalDate selected) {
        List<List<Day>> weeks = new ArrayList<>();
        List<Day> week = new ArrayList<>();
        int lead = month.atDay(1).getDayOfWeek().getValue() - DayOfWeek.MONDAY.getValue();
        for (int i = 0; i < lead; i++) {
            week.add(new Day(0, null, null, false, false));
        }
        for (int d = 1; d <= month.lengthOfMonth(); d++) {
            LocalDate day = month.atDay(d);
            Integer n = counts.get(day);
            String title = n == null ? null : DAY.format(day) + ": " + (n == 1 ? "1 paper" : n + " papers");
            week.add(new Day(
                    d,
                    n == null ? null : Period.day(day).path(),
                    title,
                    day.equals(selected),
                    viewed != null && viewed.contains(day)));
            if (week.size() == 7) {
                weeks.add(week);
                week = new ArrayList<>();
            }
        }
        if (!week.isEmpty()) {
            while (week.size() < 7) {
                week.add(new Day(0, null, null, false, false));
            }
            weeks.add(week);
        }
        return new CalendarView(
                MONTH.format(month),
                Period.month(month).path(),
                Period.month(month.minusMonths(1)).path(),
                Period.month(month.plusMonths(1)).path(),
                weeks);
    }
}
