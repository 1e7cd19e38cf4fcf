package org.paperboy.feed;

import org.paperboy.paper.Paper;

/** A paper as the feed shows it, with its upvotes (imported plus cast on this site). */
public record FeedItem(Paper paper, int upvotes) {}
