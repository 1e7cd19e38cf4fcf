package org.paperboy.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.paperboy.feed.Feed;
import org.paperboy.feed.FeedItem;
import org.paperboy.feed.FeedOrder;
import org.paperboy.feed.Period;
import org.paperboy.paper.Paper;
import org.paperboy.search.Filters;
import org.paperboy.search.Hit;
import org.paperboy.search.SearchMode;
import org.paperboy.search.SearchRequest;
import org.paperboy.search.SearchResults;

/**
 * Atom 1.0 feeds for feed readers: {@code /feed.atom} (the latest day, or {@code ?date=}),
 * {@code /trending.atom} (the trending week, or {@code ?window=day|week|month}) and
 * {@code /search.atom?q=} (a saved search: the papers of the last 30 days that match, newest
 * listed first). Every URL in them is absolute, from {@code PAPERBOY_BASE_URL}.
 */
final class AtomFeeds {

    static final String CONTENT_TYPE = "application/atom+xml;charset=utf-8";
    static final int DAY_ENTRIES = 200;
    static final int TRENDING_ENTRIES = 50;
    static final int SEARCH_ENTRIES = 50;
    /** A saved search follows new papers: it looks this many days back from the latest listed day. */
    static final int SEARCH_DAYS = 30;

    private final Site site;
    private final AtomWriter writer;

    AtomFeeds(Site site, Templates templates) {
        this.site = site;
        this.writer = new AtomWriter(site.config().baseUrl().toString());
    }

    void register(RoutesConfig r) {
        r.get("/feed.atom", this::day);
        r.get("/trending.atom", this::trending);
        r.get("/search.atom", this::search);
    }

    private void day(Context ctx) {
        QueryParams q = new QueryParams(ctx);
        Period asked = q.parsed("date", v -> Period.parse(Period.Kind.DAY, v));
        q.check();
        Period period =
                asked != null ? asked : site.feed().latestDay().map(Period::day).orElse(null);
        List<Paper> papers = period == null
                ? List.of()
                : papers(site.feed()
                        .page(period, FeedOrder.UPVOTES, 1, DAY_ENTRIES)
                        .items());
        String self = asked == null ? "/feed.atom" : "/feed.atom?date=" + asked.key();
        String title = period == null ? "Paperboy · Daily papers" : "Paperboy · Papers of " + period.label();
        String alternate = asked == null ? "/" : asked.path();
        send(ctx, new AtomWriter.Head(writer.url(self), title, writer.url(self), writer.url(alternate), now()), papers);
    }

    private void trending(Context ctx) {
        QueryParams q = new QueryParams(ctx);
        Feed.Window window =
                Optional.ofNullable(q.parsed("window", AtomFeeds::window)).orElse(Feed.Window.WEEK);
        q.check();
        List<Paper> papers =
                papers(site.feed().trending(window, 1, TRENDING_ENTRIES).items());
        String self = window == Feed.Window.WEEK ? "/trending.atom" : "/trending.atom?window=" + window.key();
        send(
                ctx,
                new AtomWriter.Head(
                        writer.url(self),
                        "Paperboy · Trending this " + window.key(),
                        writer.url(self),
                        writer.url("/trending?window=" + window.key()),
                        now()),
                papers);
    }

    private static Feed.Window window(String v) {
        for (Feed.Window w : Feed.Window.values()) {
            if (w.key().equals(v.toLowerCase(Locale.ROOT))) {
                return w;
            }
        }
        throw new IllegalArgumentException("'" + v + "' is not one of day, week, month");
    }

    private void search(Context ctx) {
        // The search page's filters, read and checked as it reads them.
        String category = SearchPages.bounded(ctx, "category", SearchPages.MAX_CATEGORY_CHARS);
        String author = SearchPages.bounded(ctx, "author", SearchPages.MAX_AUTHOR_CHARS);
        boolean hasCode = SearchPages.hasCode(ctx);
        QueryParams q = new QueryParams(ctx);
        String text = q.text("q");
        if (text == null && author.isEmpty()) {
            q.reject("q", "", "give a query or an author, e.g. /search.atom?q=dense+retrieval");
        }
        q.check();
        // The same parameters as the search page, in the same order, so a page's feed link is its own.
        SearchForm form = new SearchForm(text == null ? "" : text, category, "", "", hasCode, author);
        List<Paper> papers = List.of();
        Optional<LocalDate> latest = site.feed().latestDay();
        if (latest.isPresent()) {
            Filters filters = Filters.NONE
                    .withExcluded(site.feedStore().hiddenIds())
                    .withCategory(category, false)
                    .withHasCode(hasCode ? Boolean.TRUE : null)
                    .withAuthor(author)
                    .withListedBetween(latest.get().minusDays(SEARCH_DAYS - 1L), latest.get());
            SearchResults results;
            if (text == null) {
                results = site.searcher().browse(filters, 0, SEARCH_ENTRIES);
            } else {
                float[] vector = site.queryEmbedder().apply(text);
                results = site.searcher()
                        .search(new SearchRequest(
                                text,
                                vector,
                                vector == null ? SearchMode.BM25 : SearchMode.HYBRID,
                                null,
                                site.searchAlpha(),
                                filters,
                                0,
                                SEARCH_ENTRIES,
                                false));
            }
            List<String> ids = results.hits().stream().map(Hit::id).toList();
            Map<String, Paper> found = site.feedStore().papers(ids);
            List<Paper> ranked = new ArrayList<>();
            for (String id : ids) {
                if (found.containsKey(id)) {
                    ranked.add(found.get(id));
                }
            }
            // A reader shows new entries first: newest listed day first, by relevance within a day.
            ranked.sort(Comparator.comparing(Paper::listedOn, Comparator.nullsLast(Comparator.reverseOrder())));
            papers = ranked;
        }
        String self = form.atomHref();
        String title = text == null ? "Papers by " + author : "Search: " + text;
        send(
                ctx,
                new AtomWriter.Head(
                        writer.url(self),
                        "Paperboy · " + title,
                        writer.url(self),
                        writer.url(Pagination.withQuery("/search", form.params())),
                        now()),
                papers);
    }

    private static List<Paper> papers(List<FeedItem> items) {
        return items.stream().map(FeedItem::paper).toList();
    }

    private java.time.Instant now() {
        return site.clock().instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    }

    private void send(Context ctx, AtomWriter.Head head, List<Paper> papers) {
        ctx.contentType(CONTENT_TYPE).result(writer.write(head, papers));
    }
}
