package org.paperboy.digest;

import java.time.LocalDate;
import java.util.Objects;

/**
 * One sending run: the day it is for, whether that day was given explicitly ({@code --date}: the
 * digests of that day and of its ISO week) or is the day of a scheduled run (the day before and
 * the last complete week), and whether to only show what would be sent.
 */
public record DigestRun(LocalDate date, boolean explicitDate, boolean dryRun) {

    public DigestRun {
        Objects.requireNonNull(date, "date");
    }

    /** The run the scheduler makes on {@code today}. */
    public static DigestRun scheduled(LocalDate today) {
        return new DigestRun(today, false, false);
    }

    /** A run for the digests of {@code day} and its week. */
    public static DigestRun forDate(LocalDate day) {
        return new DigestRun(day, true, false);
    }

    public DigestRun withDryRun(boolean dryRun) {
        return new DigestRun(date, explicitDate, dryRun);
    }
}
