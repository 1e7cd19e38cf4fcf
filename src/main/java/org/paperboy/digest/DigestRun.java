package org.paperboy.digest;

import java.time.LocalDate;
import java.util.Objects;

/**
 * One sending run: the day it is for, whether that day was given explicitly ({@code --date}: the
 * digests of that day and of its ISO week) or is the day of a scheduled run (the day before and
 * the last complete week), whether to only show what would be sent, and whether to send again
 * the digests a crashed run left uncertain (accepting that a few may arrive twice).
 */
public record DigestRun(LocalDate date, boolean explicitDate, boolean dryRun, boolean resendUncertain) {

    public DigestRun {
        Objects.requireNonNull(date, "date");
    }

    /** The run the scheduler makes on {@code today}. */
    public static DigestRun scheduled(LocalDate today) {
        return new DigestRun(today, false, false, false);
    }

    /** A run for the digests of {@code day} and its week. */
    public static DigestRun forDate(LocalDate day) {
        return new DigestRun(day, true, false, false);
    }

    public DigestRun withDryRun(boolean dryRun) {
        return new DigestRun(date, explicitDate, dryRun, resendUncertain);
    }

    public DigestRun withResendUncertain(boolean resend) {
        return new DigestRun(date, explicitDate, dryRun, resend);
    }
}
