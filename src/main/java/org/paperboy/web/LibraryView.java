package org.paperboy.web;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.paperboy.paper.Paper;

/** What {@code /me/library} shows: the saved papers (newest first), every tag with its count, and the tag filtered by. */
public record LibraryView(List<Item> items, Map<String, Integer> tags, String tag) {

    /** One saved paper with its tags. */
    public record Item(Paper paper, List<String> tags, Instant savedAt) {

        public String href() {
            return PaperPages.pathOf(paper.id());
        }

        public String savedDay() {
            return CardView.DAY.format(savedAt.atZone(ZoneOffset.UTC).toLocalDate());
        }
    }

    public LibraryView {
        items = List.copyOf(items);
        tags = Map.copyOf(tags);
    }

    /** The tags by name. */
    public List<Map.Entry<String, Integer>> tagList() {
        return new java.util.TreeMap<>(tags).entrySet().stream().toList();
    }

    /** The BibTeX export of what is shown. */
    public String bibtexHref() {
        return tag == null ? "/me/library.bib" : "/me/library.bib?tag=" + tag;
    }
}
