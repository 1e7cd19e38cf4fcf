package org.paperboy.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.paperboy.feed.FeedItem;
import org.paperboy.search.Hit;
import org.paperboy.store.FeedRepository.CardFacts;
import org.paperboy.store.UpstreamRepository.Popularity;

/**
 * Turns feed items and search hits into {@link CardView}s for one visitor. Which papers the
 * visitor has upvoted and saved is read once per list (a query each), never per card; search hits of hidden
 * papers are dropped here.
 */
final class CardLoader {

    private final Site site;

    CardLoader(Site site) {
        this.site = site;
    }

    /** Cards of feed items, which carry their upvotes already. */
    List<CardView> ofFeed(List<FeedItem> items, Visitor visitor) {
        Set<String> voted =
                voted(visitor, items.stream().map(i -> i.paper().id()).toList());
        Set<String> saved =
                saved(visitor, items.stream().map(i -> i.paper().id()).toList());
        List<CardView> cards = new ArrayList<>(items.size());
        for (FeedItem i : items) {
            cards.add(
                    CardView.of(i.paper(), i.upvotes(), voted.contains(i.paper().id()))
                            .withSaved(saved.contains(i.paper().id())));
        }
        return withUpstream(cards);
    }

    /**
     * Cards of search hits in their order, leaving out hidden papers and papers no longer stored;
     * with {@code highlighted}, the cards show the hits' marked title and snippet.
     */
    List<CardView> ofHits(List<Hit> hits, Visitor visitor, boolean highlighted) {
        if (hits.isEmpty()) {
            return List.of();
        }
        List<String> ids = hits.stream().map(Hit::id).toList();
        Map<String, CardFacts> facts = site.feedStore().cardFacts(ids);
        Set<String> voted = voted(visitor, ids);
        Set<String> saved = saved(visitor, ids);
        List<CardView> cards = new ArrayList<>(hits.size());
        for (Hit h : hits) {
            CardFacts f = facts.get(h.id());
            if (f != null) {
                cards.add(CardView.of(h, f, voted.contains(h.id()), highlighted).withSaved(saved.contains(h.id())));
            }
        }
        return withUpstream(cards);
    }

    /** The cards with their upvotes split by origin and the upstream's facts: one query per list. */
    private List<CardView> withUpstream(List<CardView> cards) {
        if (cards.isEmpty()) {
            return cards;
        }
        Map<String, Popularity> known =
                site.upstream().popularity(cards.stream().map(CardView::id).toList());
        boolean images = site.config().sources().remoteImages();
        List<CardView> out = new ArrayList<>(cards.size());
        for (CardView c : cards) {
            out.add(c.withUpstream(UpstreamView.of(known.get(c.id()), images)));
        }
        return out;
    }

    /** Of {@code ids}, those in the visitor's library: none for anonymous visitors. */
    Set<String> saved(Visitor visitor, List<String> ids) {
        if (!visitor.signedIn() || ids.isEmpty()) {
            return Set.of();
        }
        return site.forYou().library().savedAmong(visitor.user().id(), ids);
    }

    /** Of {@code ids}, those the visitor has upvoted: none for anonymous visitors. */
    Set<String> voted(Visitor visitor, List<String> ids) {
        if (!visitor.signedIn() || ids.isEmpty()) {
            return Set.of();
        }
        return site.votes().votedAmong(visitor.user().id(), ids);
    }
}
