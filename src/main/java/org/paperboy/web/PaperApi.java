package org.paperboy.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.paperboy.feed.FeedItem;
import org.paperboy.feed.FeedOrder;
import org.paperboy.feed.FeedPage;
import org.paperboy.feed.Period;
import org.paperboy.paper.ArxivId;
import org.paperboy.paper.Paper;
import org.paperboy.search.Filters;
import org.paperboy.search.Hit;
import org.paperboy.search.SearchMode;
import org.paperboy.search.SearchRequest;
import org.paperboy.search.SearchResults;
import org.paperboy.store.FeedRepository;
import org.paperboy.store.User;

/**
 * The JSON API under {@code /api}, shaped like the Hugging Face Daily Papers API (see
 * {@link DailyPaperJson} and {@code docs/api.md}): the daily / weekly / monthly feed, search,
 * one paper, similar papers, submitting a paper by arXiv id, and the OpenAPI document. Hidden
 * papers are never served. Paper ids may contain a slash ({@code hep-th/9901001}), so the
 * sub-resource route is registered before the greedy paper route.
 */
final class PaperApi {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 100;
    static final int MAX_PAGE = 10_000;
    /** How many papers a submitter filter reads from the feed at a time. */
    private static final int SCAN_PAGE = 500;

    private final Site site;
    private final Submissions submissions;
    private final String openApi;

    private final SearchGate gate;

    PaperApi(Site site, Templates templates, Submissions submissions, SearchGate gate) {
        this.site = site;
        this.submissions = submissions;
        this.openApi = openApi(site);
        this.gate = gate;
    }

    void register(RoutesConfig r) {
        r.get("/api/openapi.json", ctx -> ctx.contentType("application/json").result(openApi));
        r.get("/api/daily_papers", this::dailyPapers);
        r.get("/api/papers/search", gate.around(this::search));
        r.post("/api/papers/index", this::index);
        r.get("/api/papers/<id>/similar", this::similar);
        r.get("/api/papers/<id>", this::paper);
    }

    private void dailyPapers(Context ctx) {
        QueryParams q = new QueryParams(ctx);
        Period chosen = null;
        int given = 0;
        for (Period.Kind kind : Period.Kind.values()) {
            String name = kind == Period.Kind.DAY ? "date" : kind.name().toLowerCase(Locale.ROOT);
            String v = q.text(name);
            if (v == null) {
                continue;
            }
            if (given++ > 0) {
                q.reject(name, v, "give only one of date, week and month");
                continue;
            }
            chosen = q.parsed(name, text -> Period.parse(kind, text));
        }
        FeedOrder order = Optional.ofNullable(q.parsed("sort", PaperApi::sort)).orElse(FeedOrder.NEWEST);
        int page = q.integer("p", 0, 0, MAX_PAGE);
        int limit = q.integer("limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
        // Hugging Face's submitter= names who put a paper on its daily list: the user names the
        // sources keep with each upstream paper.
        String submitter = q.text("submitter");
        q.check();
        Period period = chosen != null
                ? chosen
                : site.feed().latestDay().map(Period::day).orElse(null);
        if (submitter != null) {
            submittedBy(ctx, period, order, site.upstream().submittedBy(submitter), page, limit);
            return;
        }
        ArrayNode out = DailyPaperJson.JSON.createArrayNode();
        int total = 0;
        if (period != null) {
            FeedPage feed = site.feed().page(period, order, page + 1, limit);
            for (FeedItem item : feed.items()) {
                out.add(DailyPaperJson.item(item.paper(), item.upvotes()));
            }
            total = feed.total();
        }
        ctx.header("X-Total-Count", Integer.toString(total));
        json(ctx, out);
    }

    /**
     * Page {@code page} of the papers of {@code period} among {@code ids}, in the period's order:
     * the period is read whole, in pages of the feed, so that totals and pages are exact.
     */
    private void submittedBy(Context ctx, Period period, FeedOrder order, Set<String> ids, int page, int limit) {
        List<FeedItem> matching = new ArrayList<>();
        if (period != null && !ids.isEmpty()) {
            for (int p = 1; ; p++) {
                FeedPage feed = site.feed().page(period, order, p, SCAN_PAGE);
                feed.items().stream()
                        .filter(item -> ids.contains(item.paper().id()))
                        .forEach(matching::add);
                if (feed.items().size() < SCAN_PAGE) {
                    break;
                }
            }
        }
        ArrayNode out = DailyPaperJson.JSON.createArrayNode();
        matching.stream()
                .skip((long) page * limit)
                .limit(limit)
                .forEach(item -> out.add(DailyPaperJson.item(item.paper(), item.upvotes())));
        ctx.header("X-Total-Count", Integer.toString(matching.size()));
        json(ctx, out);
    }

    private static FeedOrder sort(String v) {
        return switch (v) {
            case "publishedAt" -> FeedOrder.NEWEST;
            case "trending" -> FeedOrder.TRENDING;
            default -> throw new IllegalArgumentException("'" + v + "' is not one of publishedAt, trending");
        };
    }

    private void search(Context ctx) {
        QueryParams q = new QueryParams(ctx);
        String text = q.text("q");
        SearchMode mode = Optional.ofNullable(q.parsed("mode", PaperApi::mode)).orElse(SearchMode.HYBRID);
        int limit = q.integer("limit", SearchRequest.DEFAULT_LIMIT, 1, MAX_LIMIT);
        int offset = q.integer("offset", 0, 0, SearchRequest.MAX_WINDOW - limit);
        q.check();
        if (text == null) {
            newest(ctx, offset, limit);
            return;
        }
        float[] vector = mode == SearchMode.BM25 ? null : site.queryEmbedder().apply(text);
        if (vector == null) {
            mode = SearchMode.BM25;
        }
        SearchResults results = site.searcher()
                .search(new SearchRequest(
                        text,
                        vector,
                        mode,
                        null,
                        site.searchAlpha(),
                        Filters.NONE.withExcluded(site.feedStore().hiddenIds()),
                        offset,
                        limit,
                        false));
        ctx.header("X-Total-Count", Long.toString(results.totalHits()));
        json(ctx, hits(results.hits(), true));
    }

    /**
     * Without a query, as Hugging Face's {@code list_papers()}: every listed visible paper, newest
     * listed first (then newest id), as daily items without score.
     */
    private void newest(Context ctx, int offset, int limit) {
        LocalDate from = LocalDate.of(1, 1, 1);
        LocalDate to = LocalDate.of(9999, 12, 31);
        List<FeedRepository.Ranked> page = site.feedStore().newest(from, to, offset, limit);
        List<String> ids = page.stream().map(FeedRepository.Ranked::id).toList();
        Map<String, Paper> papers = site.feedStore().papers(ids);
        ArrayNode out = DailyPaperJson.JSON.createArrayNode();
        for (FeedRepository.Ranked r : page) {
            Paper p = papers.get(r.id());
            if (p != null) {
                out.add(DailyPaperJson.item(p, r.upvotes()));
            }
        }
        ctx.header("X-Total-Count", Integer.toString(site.feedStore().count(from, to)));
        json(ctx, out);
    }

    private static SearchMode mode(String v) {
        try {
            return SearchMode.parse(v);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + v + "' is not one of bm25, dense, hybrid");
        }
    }

    /** Daily items for the visible papers among {@code hits}, in order, with score (and highlights). */
    private ArrayNode hits(List<Hit> hits, boolean highlights) {
        List<String> ids = hits.stream().map(Hit::id).toList();
        Map<String, Paper> papers = site.feedStore().papers(ids);
        Map<String, Integer> upvotes = site.feedStore().upvotes(ids);
        ArrayNode out = DailyPaperJson.JSON.createArrayNode();
        for (Hit h : hits) {
            Paper p = papers.get(h.id());
            if (p == null) {
                continue;
            }
            ObjectNode item = DailyPaperJson.item(p, upvotes.getOrDefault(h.id(), p.upvotes()));
            item.put("score", h.score());
            if (highlights) {
                item.putObject("highlight").put("title", h.titleHighlighted()).put("snippet", h.snippetHighlighted());
            }
            out.add(item);
        }
        return out;
    }

    private void paper(Context ctx) {
        Paper p = visiblePaper(ctx.pathParam("id"));
        int upvotes = site.feedStore().upvotes(List.of(p.id())).getOrDefault(p.id(), p.upvotes());
        json(ctx, DailyPaperJson.paper(p, upvotes));
    }

    private void similar(Context ctx) {
        Paper p = visiblePaper(ctx.pathParam("id"));
        QueryParams q = new QueryParams(ctx);
        int limit = q.integer("limit", SearchRequest.DEFAULT_LIMIT, 1, MAX_LIMIT);
        q.check();
        SearchResults results = site.searcher()
                .similar(
                        p.id(),
                        limit,
                        Filters.NONE.withExcluded(site.feedStore().hiddenIds()));
        json(ctx, hits(results.hits(), false));
    }

    private void index(Context ctx) {
        User user = ApiAuth.require(ctx, site);
        JsonNode body;
        try {
            body = DailyPaperJson.JSON.readTree(ctx.body());
        } catch (JsonProcessingException e) {
            body = null;
        }
        if (body == null || !body.isObject()) {
            throw HttpError.badField(
                    "body", ctx.body(), "send a JSON object such as {\"" + Submissions.FIELD + "\": \"2607.01234\"}");
        }
        JsonNode given = body.get(Submissions.FIELD);
        if (given == null || !given.isTextual()) {
            throw HttpError.badField(
                    Submissions.FIELD,
                    given == null ? null : given.toString(),
                    "give the arXiv id or URL as a string, e.g. \"2607.01234\"");
        }
        Submissions.Outcome s = submissions.submit(user, ClientAddress.of(ctx), given.asText());
        Paper p = site.papers()
                .find(s.id())
                .orElseThrow(() -> HttpError.notFound("paper " + s.id() + " is no longer stored"));
        int upvotes = site.feedStore().upvotes(List.of(p.id())).getOrDefault(p.id(), p.upvotes());
        if (s.added()) {
            ctx.status(201).header("Location", "/api/papers/" + p.id());
        }
        json(ctx, DailyPaperJson.paper(p, upvotes));
    }

    /**
     * The paper a path names, by its stored id or any arXiv spelling of it (version, prefix);
     * 404 when it is unknown or hidden.
     */
    private Paper visiblePaper(String raw) {
        Optional<Paper> found = site.papers().find(raw);
        if (found.isEmpty() && ArxivId.isValid(raw)) {
            found = site.papers().find(ArxivId.parse(raw).id());
        }
        Paper p = found.filter(x -> !site.feedStore().hidden(x.id()).orElse(false))
                .orElse(null);
        if (p == null) {
            throw HttpError.notFound("there is no paper " + HttpError.shorten(raw));
        }
        return p;
    }

    private static void json(Context ctx, JsonNode body) {
        try {
            ctx.contentType("application/json").result(DailyPaperJson.JSON.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    /** The OpenAPI document from the jar, with this site's address as its server. */
    private static String openApi(Site site) {
        try (InputStream in = PaperApi.class.getResourceAsStream("/openapi.json")) {
            if (in == null) {
                throw new IllegalStateException("openapi.json is missing from the jar");
            }
            ObjectNode doc = (ObjectNode) DailyPaperJson.JSON.readTree(in);
            String base = site.config().baseUrl().toString().replaceAll("/+$", "");
            doc.putArray("servers").addObject().put("url", base);
            return DailyPaperJson.JSON.writeValueAsString(doc);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read openapi.json from the jar", e);
        }
    }
}
