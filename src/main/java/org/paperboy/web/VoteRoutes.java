package org.paperboy.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import org.paperboy.paper.ArxivId;
import org.paperboy.paper.InvalidRecordException;
import org.paperboy.store.User;
import org.paperboy.store.VoteRepository.Tally;

/**
 * Upvotes: the form on every paper card ({@code POST /papers/<id>/upvote}, answered with a 303
 * back to the page) and the JSON call ({@code POST /api/papers/<id>/upvote}) for site.js and
 * scripts, signed in by session (with the CSRF header) or by {@code Authorization: Bearer} API
 * token. One vote per account and paper; rate-limited per account and per IP address.
 */
final class VoteRoutes {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Site site;
    private final RateLimiter perAccount;
    private final RateLimiter perIp;

    VoteRoutes(Site site, Templates templates) {
        this.site = site;
        this.perAccount = new RateLimiter(RateLimiter.Limit.VOTES_PER_ACCOUNT, site.clock());
        this.perIp = new RateLimiter(RateLimiter.Limit.VOTES_PER_IP, site.clock());
    }

    void register(RoutesConfig r) {
        r.post("/papers/<id>/upvote", this::form);
        r.post("/api/papers/<id>/upvote", this::json);
    }

    private void form(Context ctx) {
        NextPath next = NextPath.parse(ctx.formParam("next"));
        Visitor visitor = Visitor.of(ctx);
        if (!visitor.signedIn()) {
            ctx.redirect(next.loginUrl(), HttpStatus.SEE_OTHER);
            return;
        }
        Boolean upvote = parseUpvote(ctx.formParam("upvote"));
        String id = paperId(ctx);
        vote(ctx, visitor.user(), id, upvote);
        ctx.redirect(next.path(), HttpStatus.SEE_OTHER);
    }

    private void json(Context ctx) {
        User user = apiUser(ctx, site);
        Boolean upvote = upvoteInBody(ctx.body());
        String id = paperId(ctx);
        Tally tally = vote(ctx, user, id, upvote);
        ObjectNode out = JSON.createObjectNode()
                .put("id", id)
                .put("upvotes", tally.upvotes())
                .put("upvoted", tally.voted());
        ctx.contentType("application/json").result(out.toString());
    }

    /** Sets or, when {@code upvote} is null, toggles the vote; 404 for unknown and hidden papers. */
    private Tally vote(Context ctx, User user, String id, Boolean upvote) {
        perAccount.check("account:" + user.id());
        perIp.check(ClientAddress.of(ctx));
        boolean wanted = upvote != null ? upvote : !site.votes().has(user.id(), id);
        Tally tally = site.votes().set(user.id(), id, wanted).orElseThrow(() -> noPaper(id));
        site.feed().invalidate();
        return tally;
    }

    /** The caller of an API request as {@link RequestGuard} authenticated it; 401 for nobody. */
    static User apiUser(Context ctx, Site site) {
        Visitor v = Visitor.of(ctx);
        if (!v.signedIn()) {
            throw HttpError.unauthorized(
                    "sign in first (/login), or send an API token from /me as 'Authorization: Bearer TOKEN'");
        }
        return v.user();
    }

    /** The canonical id in the path ({@code <id>} may hold a slash); 404 when it is no arXiv id. */
    static String paperId(Context ctx) {
        String raw = ctx.pathParam("id");
        try {
            return ArxivId.parse(raw).id();
        } catch (InvalidRecordException e) {
            throw noPaper(raw);
        }
    }

    private static HttpError noPaper(String id) {
        return HttpError.notFound("there is no paper " + HttpError.shorten(id));
    }

    /** The form's {@code upvote} field: "true", "false", or absent to toggle. */
    private static Boolean parseUpvote(String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        return switch (value) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw HttpError.badField("upvote", value, "must be true or false");
        };
    }

    /** {@code {"upvote": true|false}}, or {@code null} (toggle) for an empty body; 400 for an object without it. */
    static Boolean upvoteInBody(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        JsonNode node;
        try {
            node = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw HttpError.badRequest(
                    "the body is not JSON; send {\"upvote\": true} or {\"upvote\": false}, " + "or no body to toggle");
        }
        if (node == null || !node.isObject()) {
            throw HttpError.badRequest("the body must be a JSON object like {\"upvote\": true}");
        }
        JsonNode upvote = node.get("upvote");
        if (upvote == null || upvote.isNull()) {
            throw HttpError.badField(
                    "upvote",
                    upvote == null ? null : "null",
                    "is missing; send {\"upvote\": true} or {\"upvote\": false}, or no body to toggle");
        }
        if (!upvote.isBoolean()) {
            throw HttpError.badField("upvote", upvote.toString(), "must be true or false");
        }
        return upvote.booleanValue();
    }
}
