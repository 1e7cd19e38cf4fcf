package org.paperboy.feed;

import java.util.Locale;

/** How a feed is ordered: most upvoted, newest listed, or trending (upvotes decayed by age). */
public enum FeedOrder {
    UPVOTES,
    NEWEST,
    TRENDING;

    /** {@code upvotes}, {@code newest} or {@code trending}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
