package org.paperboy.feed;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stretch of listing days the feed shows: one day, an ISO week (Monday to Sunday) or a calendar
 * month, both ends inclusive. Keys are the URL forms {@code 2026-06-30}, {@code 2026-W27},
 * {@code 2026-06}; {@link #parse} refuses anything else with a message saying the expected form.
 */
public record Period(Kind kind, LocalDate from, LocalDate to) {

    public enum Kind {
        DAY,
        WEEK,
        MONTH
    }

    // Four-digit years only (0001 to 9999): java.time would also read "+999999999-12-31", whose
    // neighbouring days overflow (issue 11).
    private static final Pattern DAY_KEY = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern MONTH_KEY = Pattern.compile("\\d{4}-\\d{2}");
    private static final Pattern WEEK_KEY = Pattern.compile("(\\d{4})-W(\\d{2})");
    private static final DateTimeFormatter DAY_LABEL =
            DateTimeFormatter.ofPattern("EEEE, MMMM d, yyyy", Locale.ENGLISH);
    private static final DateTimeFormatter SHORT = DateTimeFormatter.ofPattern("MMM d", Locale.ENGLISH);
    private static final DateTimeFormatter MONTH_LABEL = DateTimeFormatter.ofPattern("MMMM yyyy", Locale.ENGLISH);

    public static Period day(LocalDate day) {
        return new Period(Kind.DAY, day, day);
    }

    /** The ISO week containing {@code day}. */
    public static Period weekOf(LocalDate day) {
        LocalDate monday = day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        return new Period(Kind.WEEK, monday, monday.plusDays(6));
    }

    public static Period month(YearMonth month) {
        return new Period(Kind.MONTH, month.atDay(1), month.atEndOfMonth());
    }

    /**
     * The period of {@code key} in the form of {@code kind}.
     *
     * @throws IllegalArgumentException naming the value and the expected form
     */
    public static Period parse(Kind kind, String key) {
        String v = key == null ? "" : key.strip();
        try {
            switch (kind) {
                case DAY -> {
                    if (DAY_KEY.matcher(v).matches() && !v.startsWith("0000")) {
                        return day(LocalDate.parse(v));
                    }
                }
                case MONTH -> {
                    if (MONTH_KEY.matcher(v).matches() && !v.startsWith("0000")) {
                        return month(YearMonth.parse(v));
                    }
                }
                case WEEK -> {
                    Matcher m = WEEK_KEY.matcher(v);
                    if (m.matches() && !v.startsWith("0000")) {
                        int year = Integer.parseInt(m.group(1));
                        int week = Integer.parseInt(m.group(2));
                        LocalDate thursday = LocalDate.of(year, 1, 4).with(IsoFields.WEEK_OF_WEEK_BASED_YEAR, 1);
                        if (week >= 1
                                && week
                                        <= thursday.range(IsoFields.WEEK_OF_WEEK_BASED_YEAR)
                                                .getMaximum()) {
                            return weekOf(thursday.with(IsoFields.WEEK_OF_WEEK_BASED_YEAR, week));
                        }
                    }
                }
            }
        } catch (DateTimeException e) {
            // reported below
        }
        String form = switch (kind) {
            case DAY -> "a day YYYY-MM-DD, e.g. 2026-06-30";
            case WEEK -> "an ISO week YYYY-Www, e.g. 2026-W27";
            case MONTH -> "a month YYYY-MM, e.g. 2026-06";
        };
        String shown = v.length() > 40 ? v.substring(0, 40) + "..." : v;
        throw new IllegalArgumentException("'" + shown + "' is not " + form);
    }

    /** The URL form: {@code 2026-06-30}, {@code 2026-W27} or {@code 2026-06}. */
    public String key() {
        return switch (kind) {
            case DAY -> from.toString();
            case WEEK ->
                String.format(
                        Locale.ROOT,
                        "%d-W%02d",
                        from.get(IsoFields.WEEK_BASED_YEAR),
                        from.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
            case MONTH -> YearMonth.from(from).toString();
        };
    }

    /** The page's path: {@code /date/...}, {@code /week/...} or {@code /month/...}. */
    public String path() {
        return switch (kind) {
            case DAY -> "/date/" + key();
            case WEEK -> "/week/" + key();
            case MONTH -> "/month/" + key();
        };
    }

    /** A heading for people: "Tuesday, June 30, 2026", "Week 27, 2026 · Jun 29 – Jul 5", "June 2026". */
    public String label() {
        return switch (kind) {
            case DAY -> DAY_LABEL.format(from);
            case WEEK ->
                "Week " + from.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR) + ", " + from.get(IsoFields.WEEK_BASED_YEAR)
                        + " · " + SHORT.format(from) + " – " + SHORT.format(to);
            case MONTH -> MONTH_LABEL.format(from);
        };
    }

    /** The period of the same kind just before this one. */
    public Period previous() {
        return switch (kind) {
            case DAY -> day(from.minusDays(1));
            case WEEK -> weekOf(from.minusWeeks(1));
            case MONTH -> month(YearMonth.from(from).minusMonths(1));
        };
    }

    /** The period of the same kind just after this one. */
    public Period next() {
        return switch (kind) {
            case DAY -> day(from.plusDays(1));
            case WEEK -> weekOf(from.plusWeeks(1));
            case MONTH -> month(YearMonth.from(from).plusMonths(1));
        };
    }

    public boolean contains(LocalDate day) {
        return !day.isBefore(from) && !day.isAfter(to);
    }
}
