package org.paperboy.digest;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.paperboy.feed.Period;
import org.paperboy.store.Subscription;

/**
 * The digest of one subscription for one period: papers matching its alerts, then papers in its
 * categories, then the trending papers. A paper appears at most once (in the first section that
 * has it), and never if an earlier digest already carried it to this subscription.
 */
public record Digest(
        Subscription subscription,
        Period period,
        List<DigestEntry> alerts,
        List<DigestEntry> categories,
        List<DigestEntry> trending) {

    public Digest {
        Objects.requireNonNull(subscription, "subscription");
        Objects.requireNonNull(period, "period");
        alerts = List.copyOf(alerts);
        categories = List.copyOf(categories);
        trending = List.copyOf(trending);
    }

    /** Every paper id in the digest, in the order shown. */
    public List<String> paperIds() {
        List<String> ids = new ArrayList<>(size());
        for (List<DigestEntry> section : List.of(alerts, categories, trending)) {
            section.forEach(e -> ids.add(e.paper().id()));
        }
        return ids;
    }

    public int size() {
        return alerts.size() + categories.size() + trending.size();
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
