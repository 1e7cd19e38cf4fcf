package org.paperboy.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The search form as the visitor filled it in, every field as typed (stripped) so the page can
 * show it again; {@code hasCode} is the "has code" checkbox. Builds the links that keep the
 * query: other pages, the same query without filters, its Atom feed.
 */
public record SearchForm(String q, String category, String from, String until, boolean hasCode) {

    /** Suggestions for the category field: arXiv categories where most papers on this site come from. */
    public static final List<String> COMMON_CATEGORIES = List.of(
            "cs.AI",
            "cs.CL",
            "cs.CV",
            "cs.LG",
            "cs.IR",
            "cs.RO",
            "cs.CR",
            "cs.DB",
            "cs.DC",
            "cs.HC",
            "cs.NE",
            "cs.SE",
            "cs.SD",
            "cs.MA",
            "stat.ML",
            "math.OC",
            "eess.AS",
            "eess.IV",
            "eess.SP",
            "q-bio.NC",
            "physics.comp-ph");

    /** True when any filter is set. */
    public boolean filtered() {
        return !category.isEmpty() || !from.isEmpty() || !until.isEmpty() || hasCode;
    }

    /** The query parameters of this search, empty ones left out by {@link Pagination#withQuery}. */
    public Map<String, String> params() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("q", q);
        m.put("category", category);
        m.put("from", from);
        m.put("until", until);
        m.put("code", hasCode ? "1" : "");
        return m;
    }

    /** The same words without any filter. */
    public String withoutFiltersHref() {
        return Pagination.withQuery("/search", Map.of("q", q));
    }

    /** This search as an Atom feed (a saved search). */
    public String atomHref() {
        return Pagination.withQuery("/search.atom", Map.of("q", q));
    }
}
