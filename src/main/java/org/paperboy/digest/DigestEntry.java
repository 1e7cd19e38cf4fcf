package org.paperboy.digest;

import java.util.Objects;
import org.paperboy.paper.Paper;
import org.paperboy.store.Subscription.Alert;

/**
 * One paper in a digest with its upvotes; {@code alert} is the saved search it matched, or
 * {@code null} when it is there as a trending paper or for a followed category; {@code why} is the
 * one line of a "For you" pick ({@code null} elsewhere).
 */
public record DigestEntry(Paper paper, int upvotes, Alert alert, String why) {
    public DigestEntry {
        Objects.requireNonNull(paper, "paper");
    }

    /** An entry without a "why" line (alerts say which alert matched instead). */
    public DigestEntry(Paper paper, int upvotes, Alert alert) {
        this(paper, upvotes, alert, null);
    }

    /** Up to five author names, then "et al."; empty when there are none. */
    public String authorLine() {
        var names = paper.authors().stream().map(a -> a.name()).toList();
        if (names.size() <= 5) {
            return String.join(", ", names);
        }
        return String.join(", ", names.subList(0, 5)) + " et al.";
    }

    /** {@link #reason()} in ASCII, for the plain-text part: {@code Matched your alert "query" in cs.IR}. */
    public String plainReason() {
        return reason().replace('“', '"').replace('”', '"');
    }

    /** The abstract cut after about 300 characters at a word boundary, with an ellipsis when cut. */
    public String teaser() {
        String a = paper.abstractText();
        if (a.length() <= 320) {
            return a;
        }
        int cut = a.lastIndexOf(' ', 300);
        return a.substring(0, cut > 200 ? cut : 300) + "...";
    }

    /** "Matched your alert “query”" (with " in CATEGORY" when the alert names one); empty for other entries. */
    public String reason() {
        if (why != null) {
            return why;
        }
        if (alert == null) {
            return "";
        }
        return "Matched your alert “" + alert.query() + "”"
                + (alert.category() == null ? "" : " in " + alert.category());
    }
}
