package org.paperboy.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.paperboy.feed.Period;
import org.paperboy.search.Filters;
import org.paperboy.search.SearchMode;
import org.paperboy.search.SearchRequest;
import org.paperboy.search.SearchResults;

/**
 * The search page, {@code /search?q=&category=&from=&until=&code=1&author=&page=}: hybrid search
 * (words and meaning; words only while the model loads), 20 results a page with the matched words
 * marked, filters, and helpful pages for an empty query and for no results. {@code author} alone
 * (what author names link to) lists that author's papers, newest first, with an exact count. A malformed date,
 * checkbox or page is a 400 naming the field; hidden papers never appear.
 */
final class SearchPages {

    static final int PAGE_SIZE = 20;

    /** The deepest page: the searcher pages no deeper than {@link SearchRequest#MAX_WINDOW} results. */
    static final int MAX_PAGE = SearchRequest.MAX_WINDOW / PAGE_SIZE;

    static final int MAX_CATEGORY_CHARS = 100;

    static final int MAX_AUTHOR_CHARS = 200;

    static final String MODEL_LOADING =
            "Search by meaning is not ready yet (the model is loading); these are keyword matches only.";

    private final Site site;
    private final Templates templates;
    private final CardLoader cards;

    private final SearchGate gate;

    SearchPages(Site site, Templates templates, SearchGate gate) {
        this.site = site;
        this.templates = templates;
        this.cards = new CardLoader(site);
        this.gate = gate;
    }

    void register(RoutesConfig r) {
        r.get("/search", gate.around(this::search));
    }

    private void search(Context ctx) {
        Visitor visitor = Visitor.of(ctx);
        String q = text(ctx, "q");
        String category = bounded(ctx, "category", MAX_CATEGORY_CHARS);
        LocalDate from = day(ctx, "from");
        LocalDate until = day(ctx, "until");
        if (from != null && until != null && from.isAfter(until)) {
            throw HttpError.badField("until", until.toString(), "'" + until + "' is before from (" + from + ")");
        }
        boolean hasCode = hasCode(ctx);
        String author = bounded(ctx, "author", MAX_AUTHOR_CHARS);
        int page = Pagination.requestedPage(ctx, MAX_PAGE);
        SearchForm form = new SearchForm(q, category, text(ctx, "from"), text(ctx, "until"), hasCode, author);
        String title = form.authorOnly() ? "Papers by " + author : q.isEmpty() ? "Search" : "Search: " + q;
        Layout layout = Layout.of(title, visitor, "search").withQuery(q);
        Map<String, Object> params = new HashMap<>();
        params.put("form", form);
        params.put("next", Pagination.here(ctx));
        Filters filters = Filters.NONE
                .withExcluded(site.feedStore().hiddenIds())
                .withCategory(category, false)
                .withListedBetween(from, until)
                .withHasCode(hasCode ? Boolean.TRUE : null)
                .withAuthor(author);
        if (form.authorOnly()) {
            SearchResults listed = site.searcher().browse(filters, (page - 1) * PAGE_SIZE, PAGE_SIZE);
            List<CardView> found = cards.ofHits(listed.hits(), visitor, false);
            int pages = (int) Math.min(MAX_PAGE, (listed.totalHits() + PAGE_SIZE - 1) / PAGE_SIZE);
            params.put("layout", layout.withMath(CardView.anyMath(found)));
            params.put("searched", true);
            params.put("count", count(listed.totalHits(), true) + ", newest first");
            params.put("notices", List.of());
            params.put("cards", found);
            params.put("pagination", Pagination.of("/search", form.params(), page, Math.max(page, pages)));
            templates.page(ctx, "search.jte", params);
            return;
        }
        if (q.isEmpty()) {
            params.put("layout", layout);
            params.put("searched", false);
            params.put("count", "");
            params.put("notices", List.of());
            params.put("cards", List.of());
            params.put("pagination", Pagination.of("/search", form.params(), 1, 1));
            templates.page(ctx, "search.jte", params);
            return;
        }
        float[] vector = site.queryEmbedder().apply(q);
        SearchResults results = site.searcher()
                .search(new SearchRequest(
                        q,
                        vector,
                        vector == null ? SearchMode.BM25 : SearchMode.HYBRID,
                        null,
                        site.searchAlpha(),
                        filters,
                        (page - 1) * PAGE_SIZE,
                        PAGE_SIZE,
                        false));
        List<String> notices = new ArrayList<>(results.notices());
        if (vector == null) {
            notices.add(0, MODEL_LOADING);
        }
        List<CardView> found = cards.ofHits(results.hits(), visitor, true);
        long total = results.totalHits();
        boolean exact = results.totalHitsExact();
        if (results.hits().size() < PAGE_SIZE) {
            // A page that is not full is the last one: every result has been counted.
            total = (long) (page - 1) * PAGE_SIZE + found.size();
            exact = true;
        }
        int pages = (int) Math.min(MAX_PAGE, (total + PAGE_SIZE - 1) / PAGE_SIZE);
        params.put("layout", layout.withAtom(form.atomHref()).withMath(CardView.anyMath(found)));
        params.put("searched", true);
        params.put("count", count(total, exact));
        params.put("notices", notices);
        params.put("cards", found);
        params.put("pagination", Pagination.of("/search", form.params(), page, Math.max(page, pages)));
        templates.page(ctx, "search.jte", params);
    }

    /** "1 result", "42 results", "about 1,000 results". */
    static String count(long n, boolean exact) {
        String s = n == 1 ? "1 result" : String.format(Locale.ENGLISH, "%,d results", n);
        return exact ? s : "about " + s;
    }

    private static String text(Context ctx, String name) {
        String v = ctx.queryParam(name);
        return v == null ? "" : v.strip();
    }

    /** Parameter {@code name}, stripped ("" when absent); a 400 naming it when longer than {@code max}. */
    static String bounded(Context ctx, String name, int max) {
        String v = text(ctx, name);
        if (v.length() > max) {
            throw HttpError.badField(name, v, "is longer than " + max + " characters");
        }
        return v;
    }

    private static LocalDate day(Context ctx, String name) {
        String v = text(ctx, name);
        if (v.isEmpty()) {
            return null;
        }
        try {
            return Period.parse(Period.Kind.DAY, v).from();
        } catch (IllegalArgumentException e) {
            throw HttpError.badField(name, v, e.getMessage());
        }
    }

    /** The "has code" filter: {@code code=1} (or on, true); a 400 for anything else. */
    static boolean hasCode(Context ctx) {
        String v = text(ctx, "code");
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "" -> false;
            case "1", "on", "true" -> true;
            default ->
                throw HttpError.badField(
                        "code", v, "'" + HttpError.shorten(v) + "' is not 1 (only papers with code) or empty");
        };
    }
}
