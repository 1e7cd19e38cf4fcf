package org.paperboy.feed;

import java.util.List;

/**
 * One page of a feed: the papers of {@code period} in {@code order}, page {@code page} (from 1)
 * of {@code pageSize}, and how many papers the whole feed has.
 */
public record FeedPage(Period period, FeedOrder order, List<FeedItem> items, int total, int page, int pageSize) {
    public FeedPage {
        items = List.copyOf(items);
    }

    /** Number of pages, at least 1. */
    public int pages() {
        return Math.max(1, (total + pageSize - 1) / pageSize);
    }

    public boolean hasNextPage() {
        return page < pages();
    }
}
