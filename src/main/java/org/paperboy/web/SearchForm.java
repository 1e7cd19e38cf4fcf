package org.paperboy.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The search form as the visitor filled it in, every field as typed (stripped) so the page can
 * show it again; {@code hasCode} is the "has code" checkbox; {@code author} keeps the papers of
 * one author (whole name, any case or accents), and without words lists that author's papers. Builds the links that keep the
 * query: other pages, the same query without filters, its Atom feed.
 */
public record SearchForm(String q, String category, String from, String until, boolean hasCode, String author) {

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

    /** The search of the papers by {@code author}: what an author's name links to. */
    public static String authorHref(String author) {
        return Pagination.withQuery("/search", Map.of("author", author));
    }

    /** True when any filter is set. */
    public boolean filtered() {
        return !category.isEmpty() || !from.isEmpty() || !until.isEmpty() || hasCode || !author.isEmpty();
    }

    /** True when the form lists an author's papers without query words. */
    public boolean authorOnly() {
        return q.isEmpty() && !author.isEmpty();
    }

    /** The query parameters of this search, empty ones left out by {@link Pagination#withQuery}. */
    public Map<String, String> params() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("q", q);
        m.put("category", category);
        m.put("from", from);
        m.put("until", until);
        m.put("code", hasCode ? "1" : "");
        m.put("author", author);
        return m;
    }

    /** The same words without any filter. */
    public String withoutFiltersHref() {
        return Pagination.withQuery("/search", Map.of("q", q));
    }

    /** This search as an Atom feed (a saved search). */
    public String atomHref() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("q", q);
        m.put("category", category);
        m.put("code", hasCode ? "1" : "");
        m.put("author", author);
        return Pagination.withQuery("/search.atom", m);
    }
}
