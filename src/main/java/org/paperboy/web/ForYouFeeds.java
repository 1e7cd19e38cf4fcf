package org.paperboy.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.paperboy.paper.Paper;
import org.paperboy.recommend.Pick;
import org.paperboy.recommend.Recommendations;
import org.paperboy.store.User;

/**
 * The personal feed for programs: {@code GET /api/for-you} (API token or session), feedback by API
 * ({@code POST /api/papers/<id>/feedback}), and the private Atom feed
 * {@code /for-you.atom?token=...}, whose token the reader can revoke (then 403 with the reason).
 */
final class ForYouFeeds {

    static final int DEFAULT_LIMIT = 30;
    static final int MAX_LIMIT = 100;
    static final int ATOM_ENTRIES = 50;

    private final Site site;
    private final SignalLimits limits;
    private final AtomWriter writer;

    ForYouFeeds(Site site, SignalLimits limits) {
        this.site = site;
        this.limits = limits;
        this.writer = new AtomWriter(site.config().baseUrl().toString());
    }

    void register(RoutesConfig r) {
        r.get("/api/for-you", this::api);
        r.post("/api/papers/<id>/feedback", this::feedback);
        r.get("/for-you.atom", this::atom);
    }

    private void api(Context ctx) {
        User user = ApiAuth.require(ctx, site);
        QueryParams q = new QueryParams(ctx);
        int limit = q.integer("limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
        String windowText = q.text("window");
        q.check();
        LocalDate[] window = ForYouPages.window(site, windowText);
        Recommendations recs = site.forYou().recommender().recommend(user.id(), window[0], window[1], limit);
        List<String> ids = recs.picks().stream().map(Pick::paperId).toList();
        Map<String, Paper> papers = site.feedStore().papers(ids);
        Map<String, Integer> upvotes = site.feedStore().upvotes(ids);
        ArrayNode items = DailyPaperJson.JSON.createArrayNode();
        for (Pick p : recs.picks()) {
            Paper paper = papers.get(p.paperId());
            if (paper != null) {
                ObjectNode item = DailyPaperJson.item(paper, upvotes.getOrDefault(p.paperId(), paper.upvotes()));
                item.put("score", p.score());
                item.put("why", p.why());
                items.add(item);
            }
        }
        ObjectNode out = DailyPaperJson.JSON.createObjectNode();
        out.put("from", window[0].toString());
        out.put("to", window[1].toString());
        out.put("basis", recs.basis().key());
        out.put("signals", recs.signals());
        out.set("papers", items);
        ctx.contentType("application/json").result(out.toString());
    }

    private void feedback(Context ctx) {
        User user = ApiAuth.require(ctx, site);
        JsonNode body = LibraryRoutes.body(ctx);
        JsonNode v = body.get("verdict");
        if (v == null || !v.isTextual()) {
            throw HttpError.badField("verdict", v == null ? null : v.toString(), "give \"more\", \"less\" or \"none\"");
        }
        int verdict = ForYouPages.verdict(v.asText());
        String id = VoteRoutes.paperId(ctx);
        limits.check(ctx, user);
        if (!site.forYou().signals().feedback(user.id(), id, verdict)) {
            throw LibraryRoutes.noPaper(id);
        }
        ctx.contentType("application/json")
                .result(DailyPaperJson.JSON
                        .createObjectNode()
                        .put("id", id)
                        .put("verdict", v.asText())
                        .toString());
    }

    private void atom(Context ctx) {
        String token = ctx.queryParam("token");
        if (token == null || token.isBlank()) {
            throw HttpError.unauthorized("this feed is private: add ?token= with the address made on /for-you");
        }
        Long userId = token.length() > 200
                ? null
                : site.forYou().settings().userOfFeedToken(token.strip()).orElse(null);
        if (userId == null) {
            throw HttpError.forbidden(
                    "this private feed address is no longer valid: it was revoked or replaced; make a new one on /for-you");
        }
        LocalDate[] window = ForYouPages.window(site, ctx.queryParam("window"));
        Recommendations recs = site.forYou().recommender().recommend(userId, window[0], window[1], ATOM_ENTRIES);
        List<String> ids = recs.picks().stream().map(Pick::paperId).toList();
        Map<String, Paper> found = site.feedStore().papers(ids);
        List<Paper> papers = new ArrayList<>();
        ids.forEach(id -> {
            if (found.containsKey(id)) {
                papers.add(found.get(id));
            }
        });
        String self = writer.url("/for-you.atom");
        ctx.header("Cache-Control", "private, no-store");
        ctx.contentType(AtomFeeds.CONTENT_TYPE)
                .result(writer.write(
                        new AtomWriter.Head(
                                "urn:paperboy:for-you:" + userId,
                                "Paperboy · For you",
                                self,
                                writer.url("/for-you"),
                                site.clock().instant().truncatedTo(ChronoUnit.SECONDS)),
                        papers));
    }
}
