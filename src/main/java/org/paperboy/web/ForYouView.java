package org.paperboy.web;

import java.time.LocalDate;
import java.util.List;
import org.paperboy.store.SignalRepository.Follow;
import org.paperboy.store.SignalRepository.FollowKind;
import org.paperboy.store.SignalRepository.Signals;

/**
 * What {@code /for-you} shows: the picks (a card and its "why" line each), the reader's signals
 * (onboarding when there are none), the window tabs and range, the blend setting, and the private
 * feed: whether there is a token, the new one (shown once) and a notice after a form.
 */
public record ForYouView(
        List<Item> items,
        Signals signals,
        String basis,
        List<Link> tabs,
        LocalDate from,
        LocalDate to,
        double blend,
        boolean hasFeedToken,
        String newFeedToken,
        String notice,
        String base) {

    /** One recommended card with the line saying why it is there. */
    public record Item(CardView card, String why) {}

    public ForYouView {
        items = List.copyOf(items);
        tabs = List.copyOf(tabs);
    }

    /** No signal yet: show onboarding first. */
    public boolean onboarding() {
        return signals.isEmpty();
    }

    public List<String> followed(String kind) {
        FollowKind k = FollowKind.parse(kind).orElseThrow();
        return signals.follows().stream()
                .filter(f -> f.kind() == k)
                .map(Follow::target)
                .toList();
    }

    /** "Jul 1, 2026" or "Jun 25 – Jul 1, 2026". */
    public String range() {
        return from.equals(to) ? CardView.DAY.format(to) : CardView.DAY.format(from) + " – " + CardView.DAY.format(to);
    }

    /** The blend as the settings form shows it. */
    public String blendText() {
        return String.format(java.util.Locale.ROOT, "%.1f", blend);
    }

    /** The private Atom feed's address with the new token (only right after it was made). */
    public String feedUrl() {
        return newFeedToken == null ? null : base + "/for-you.atom?token=" + newFeedToken;
    }
}
