package org.paperboy.digest;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.paperboy.feed.Period;
import org.paperboy.store.Subscription;

/**
 * The digest of one subscription for one period: the reader's "For you" picks (when the address
 * has an account with signals), papers matching its alerts, then papers in its
 * categories, then the trending papers. A paper appears at most once (in the first section that
 * has it), and never if an earlier digest already carried it to this subscription.
 */
public record Digest(
        Subscription subscription,
        Period period,
        List<DigestEntry> forYou,
        List<DigestEntry> alerts,
        List<DigestEntry> categories,
        List<DigestEntry> trending) {

    /** A digest without a "For you" section. */
    public Digest(
            Subscription subscription,
            Period period,
            List<DigestEntry> alerts,
            List<DigestEntry> categories,
            List<DigestEntry> trending) {
        this(subscription, period, List.of(), alerts, categories, trending);
    }

    public Digest {
        Objects.requireNonNull(subscription, "subscription");
        Objects.requireNonNull(period, "period");
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
}
