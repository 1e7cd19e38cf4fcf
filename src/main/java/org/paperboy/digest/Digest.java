package org.paperboy.digest;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.paperboy.feed.Period;
import org.paperboy.store.Subscription;
import org.paperboy.store.Subscription.Alert;

/**
 * The digest of one subscription for one period: the reader's "For you" picks (when the address
 * has an account with signals), papers matching its alerts, then papers in its
 * categories, then the trending papers. A paper appears at most once (in the first section that
 * has it), and never if an earlier digest already carried it to this subscription. {@code extent}
 * says how much is new beyond what the sections show (the summary line and the "and N more" links).
 */
public record Digest(
        Subscription subscription,
        Period period,
        List<DigestEntry> forYou,
        List<DigestEntry> alerts,
        List<DigestEntry> categories,
        List<DigestEntry> trending,
        Extent extent) {

    /**
     * How much of the period is new to the reader, counting papers no earlier digest carried:
     * {@code alertMatches} papers match an alert and {@code newInCategories} are in a followed
     * category (wherever the digest shows them, or not at all); {@code alertsMore} lists, per alert
     * whose matches were cut, the matches the digest does not show; {@code categoriesMore} the
     * category papers it does not show, and {@code periodMore} the period's papers it does not show
     * once the trending section is full (0 without a trending section).
     */
    public record Extent(
            int alertMatches, int newInCategories, List<AlertMore> alertsMore, int categoriesMore, int periodMore) {

        public Extent {
            alertsMore = List.copyOf(alertsMore);
        }

        /** What the sections show and nothing more: for digests put together by hand. */
        static Extent shown(List<DigestEntry> alerts, List<DigestEntry> categories) {
            return new Extent(alerts.size(), categories.size(), List.of(), 0, 0);
        }
    }

    /** The {@code more} matches of {@code alert} that a digest leaves out (at least one). */
    public record AlertMore(Alert alert, int more) {}

    /** A digest without a "For you" section, showing all there is. */
    public Digest(
            Subscription subscription,
            Period period,
            List<DigestEntry> alerts,
            List<DigestEntry> categories,
            List<DigestEntry> trending) {
        this(subscription, period, List.of(), alerts, categories, trending, Extent.shown(alerts, categories));
    }

    /** A digest showing all there is. */
    public Digest(
            Subscription subscription,
            Period period,
            List<DigestEntry> forYou,
            List<DigestEntry> alerts,
            List<DigestEntry> categories,
            List<DigestEntry> trending) {
        this(subscription, period, forYou, alerts, categories, trending, Extent.shown(alerts, categories));
    }

    public Digest {
        Objects.requireNonNull(subscription, "subscription");
        Objects.requireNonNull(period, "period");
        Objects.requireNonNull(extent, "extent");
        forYou = List.copyOf(forYou);
        alerts = List.copyOf(alerts);
        categories = List.copyOf(categories);
        trending = List.copyOf(trending);
    }

    /** Every paper id in the digest, in the order shown. */
    public List<String> paperIds() {
        List<String> ids = new ArrayList<>(size());
        for (List<DigestEntry> section : List.of(forYou, alerts, categories, trending)) {
            section.forEach(e -> ids.add(e.paper().id()));
        }
        return ids;
    }

    public int size() {
        return forYou.size() + alerts.size() + categories.size() + trending.size();
    }

    /** Nothing new: such a digest is not sent. */
    public boolean isEmpty() {
        return size() == 0;
    }

    /** "daily" or "weekly". */
    public String kind() {
        return subscription.settings().frequency().key();
    }

    /** "day" or "week": the period the digest covers, for "and N more from this day". */
    public String periodNoun() {
        return period.kind() == Period.Kind.WEEK ? "week" : period.kind() == Period.Kind.MONTH ? "month" : "day";
    }

    /** The followed categories as the subscriber wrote them: "cs.CL, cs.IR". */
    public String categoryNames() {
        return String.join(", ", subscription.settings().categories());
    }

    /**
     * The line at the top of the mail, from the section counts: "2 for you, 12 new in cs.CL,
     * 3 alert matches, 5 trending". Parts with nothing are left out.
     */
    public String summary() {
        List<String> parts = new ArrayList<>();
        if (!forYou.isEmpty()) {
            parts.add(forYou.size() + " for you");
        }
        if (extent.newInCategories() > 0) {
            parts.add(extent.newInCategories() + " new in " + categoryNames());
        }
        if (extent.alertMatches() > 0) {
            parts.add(extent.alertMatches() + (extent.alertMatches() == 1 ? " alert match" : " alert matches"));
        }
        if (!trending.isEmpty()) {
            parts.add(trending.size() + " trending");
        }
        return String.join(", ", parts);
    }
}
