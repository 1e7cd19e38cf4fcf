package org.paperboy.digest;

import java.util.List;
import org.paperboy.feed.Period;

/**
 * The "For you" picks at the top of a digest: for the subscriber's address, up to {@code limit}
 * papers of {@code period} with the line saying why; none when the address has no account or no
 * signals.
 */
public interface PersonalSection {

    /** No personal section (installations or tests without recommendations). */
    PersonalSection NONE = (email, period, limit) -> List.of();

    /** A pick: the paper's id and why it is there. */
    record Pick(String paperId, String why) {}

    List<Pick> picks(String email, Period period, int limit);
}
