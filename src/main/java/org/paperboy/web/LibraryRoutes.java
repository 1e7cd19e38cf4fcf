package org.paperboy.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.paperboy.paper.Paper;
import org.paperboy.store.LibraryRepository.Saved;
import org.paperboy.store.SignalRepository.Signals;
import org.paperboy.store.User;

/**
 * The reader's library and their signals as data: saving a paper with optional tags (the form on
 * every card and paper page, {@code POST /papers/<id>/save}, and {@code POST /api/papers/<id>/save}),
 * {@code /me/library} (filter by tag), its BibTeX export {@code /me/library.bib}, the export of
 * every signal {@code /me/signals.json}, and deleting all of them in one step. Writes are
 * rate-limited ({@link SignalLimits}); a paper that does not exist is a 404 and nothing is stored.
 */
final class LibraryRoutes {

    private final Site site;
    private final Templates templates;
    private final SignalLimits limits;

    LibraryRoutes(Site site, Templates templates, SignalLimits limits) {
        this.site = site;
        this.templates = templates;
        this.limits = limits;
    }

    void register(RoutesConfig r) {
        r.post("/papers/<id>/save", this::saveForm);
        r.post("/api/papers/<id>/save", this::saveJson);
        r.get("/me/library", this::library);
        r.get("/me/library.bib", this::bibtex);
        r.get("/me/signals.json", this::export);
        r.post("/me/signals/delete", this::deleteAll);
    }

    private void saveForm(Context ctx) {
        NextPath next = NextPath.parse(ctx.formParam("next"));
        Visitor visitor = Visitor.of(ctx);
        if (!visitor.signedIn()) {
            ctx.redirect(next.loginUrl(), HttpStatus.SEE_OTHER);
            return;
        }
        boolean save = flag("save", ctx.formParam("save"), true);
        List<String> tags = Tags.parse(ctx.formParam("tags"));
        String id = VoteRoutes.paperId(ctx);
        change(ctx, visitor.user(), id, save, tags);
        ctx.redirect(next.path(), HttpStatus.SEE_OTHER);
    }

    private void saveJson(Context ctx) {
        User user = ApiAuth.require(ctx, site);
        JsonNode body = body(ctx);
        JsonNode saveNode = body.get("save");
        if (saveNode != null && !saveNode.isBoolean()) {
            throw HttpError.badField("save", saveNode.toString(), "must be true or false");
        }
        boolean save = saveNode == null || saveNode.booleanValue();
        List<String> tags = List.of();
        JsonNode tagsNode = body.get("tags");
        if (tagsNode != null && !tagsNode.isNull()) {
            if (!tagsNode.isArray()) {
                throw HttpError.badField("tags", tagsNode.toString(), "must be an array of strings");
            }
            List<String> given = new ArrayList<>();
            for (JsonNode t : tagsNode) {
                if (!t.isTextual()) {
                    throw HttpError.badField("tags", tagsNode.toString(), "must be an array of strings");
                }
                given.add(t.asText());
            }
            tags = Tags.parse(String.join(" ", given));
        }
        String id = VoteRoutes.paperId(ctx);
        Saved saved = change(ctx, user, id, save, tags);
        ObjectNode out = DailyPaperJson.JSON.createObjectNode().put("id", id).put("saved", saved != null);
        ArrayNode t = out.putArray("tags");
        if (saved != null) {
            saved.tags().forEach(t::add);
        }
        ctx.contentType("application/json").result(out.toString());
    }

    /** Saves or removes; 404 (nothing stored) when the paper does not exist or is hidden. */
    private Saved change(Context ctx, User user, String id, boolean save, List<String> tags) {
        limits.check(ctx, user);
        if (!save) {
            if (!site.forYou().library().remove(user.id(), id)
                    && site.papers().find(id).isEmpty()) {
                throw noPaper(id);
            }
            return null;
        }
        return site.forYou().library().save(user.id(), id, tags).orElseThrow(() -> noPaper(id));
    }

    private void library(Context ctx) {
        User user = signedIn(ctx, "/me/library");
        if (user == null) {
            return;
        }
        String tag = Tags.filter(ctx.queryParam("tag"));
        List<Saved> saved = site.forYou().library().list(user.id(), tag);
        Map<String, Paper> papers =
                site.feedStore().papers(saved.stream().map(Saved::paperId).toList());
        List<LibraryView.Item> items = new ArrayList<>();
        for (Saved s : saved) {
            Paper p = papers.get(s.paperId());
            if (p != null) {
                items.add(new LibraryView.Item(p, s.tags(), s.savedAt()));
            }
        }
        Map<String, Object> params = new HashMap<>();
        params.put("layout", Layout.of("Your library", Visitor.of(ctx), "library"));
        params.put("view", new LibraryView(items, site.forYou().library().tags(user.id()), tag));
        params.put("next", Pagination.here(ctx));
        templates.page(ctx, "library.jte", params);
    }

    private void bibtex(Context ctx) {
        User user = signedIn(ctx, "/me/library");
        if (user == null) {
            return;
        }
        String tag = Tags.filter(ctx.queryParam("tag"));
        List<Saved> saved = site.forYou().library().list(user.id(), tag);
        Map<String, Paper> papers =
                site.feedStore().papers(saved.stream().map(Saved::paperId).toList());
        StringBuilder b = new StringBuilder();
        for (Saved s : saved) {
            Paper p = papers.get(s.paperId());
            if (p != null) {
                b.append(BibTex.of(p).text()).append('\n');
            }
        }
        ctx.header("Content-Disposition", "attachment; filename=\"paperboy-library.bib\"");
        ctx.contentType("application/x-bibtex; charset=utf-8").result(b.toString());
    }

    private void export(Context ctx) {
        User user = ApiAuth.user(ctx, site);
        if (user == null) {
            ctx.redirect(new NextPath("/me/signals.json").loginUrl(), HttpStatus.SEE_OTHER);
            return;
        }
        Signals s = site.forYou().signals().all(user.id());
        ObjectNode out = DailyPaperJson.JSON.createObjectNode();
        out.put("account", user.email());
        out.put("blend", site.forYou().settings().blend(user.id()));
        ArrayNode upvoted = out.putArray("upvoted");
        s.upvoted().forEach(upvoted::add);
        ArrayNode saved = out.putArray("saved");
        for (Saved x : s.saved()) {
            ObjectNode o = saved.addObject()
                    .put("id", x.paperId())
                    .put("savedAt", x.savedAt().toString());
            x.tags().forEach(o.putArray("tags")::add);
        }
        ArrayNode feedback = out.putArray("feedback");
        s.feedback()
                .forEach(f ->
                        feedback.addObject().put("id", f.paperId()).put("verdict", f.verdict() > 0 ? "more" : "less"));
        ArrayNode follows = out.putArray("follows");
        s.follows().forEach(f -> follows.addObject().put("kind", f.kind().key()).put("target", f.target()));
        ArrayNode seeds = out.putArray("seeds");
        s.seeds().forEach(x -> seeds.addObject().put("id", x.paperId()).put("source", x.source()));
        ctx.header("Content-Disposition", "attachment; filename=\"paperboy-signals.json\"");
        ctx.header("Cache-Control", "no-store");
        ctx.contentType("application/json").result(out.toPrettyString());
    }

    private void deleteAll(Context ctx) {
        User user = signedIn(ctx, "/for-you");
        if (user == null) {
            return;
        }
        if (!"delete".equals(ctx.formParam("confirm"))) {
            throw HttpError.badField("confirm", ctx.formParam("confirm"), "type delete to confirm");
        }
        limits.check(ctx, user);
        site.forYou().signals().deleteAll(user.id());
        site.feed().invalidate();
        ctx.redirect("/for-you", HttpStatus.SEE_OTHER);
    }

    private static User signedIn(Context ctx, String here) {
        Visitor v = Visitor.of(ctx);
        if (!v.signedIn()) {
            ctx.redirect(new NextPath(here).loginUrl(), HttpStatus.SEE_OTHER);
            return null;
        }
        return v.user();
    }

    static JsonNode body(Context ctx) {
        String text = ctx.body();
        if (text == null || text.isBlank()) {
            return DailyPaperJson.JSON.createObjectNode();
        }
        JsonNode node;
        try {
            node = DailyPaperJson.JSON.readTree(text);
        } catch (JsonProcessingException e) {
            node = null;
        }
        if (node == null || !node.isObject()) {
            throw HttpError.badField("body", text, "send a JSON object");
        }
        return node;
    }

    static boolean flag(String field, String value, boolean fallback) {
        if (value == null || value.isEmpty()) {
            return fallback;
        }
        return switch (value) {
            case "true" -> true;
            case "false" -> false;
            default -> throw HttpError.badField(field, value, "must be true or false");
        };
    }

    static HttpError noPaper(String id) {
        return HttpError.notFound("there is no paper " + HttpError.shorten(id));
    }
}
