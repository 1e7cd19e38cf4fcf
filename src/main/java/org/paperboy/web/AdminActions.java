package org.paperboy.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import org.paperboy.paper.InvalidRecordException;
import org.paperboy.store.FeedRepository;

/**
 * Moderation by the accounts in {@code PAPERBOY_ADMINS}: hiding a paper from every list (its page
 * answers 404 to everyone else) and setting or removing its code link. Both are forms on the paper
 * page answered with a 303 back to it; anonymous visitors are sent to sign in, others get 403.
 */
final class AdminActions {

    private final Site site;

    AdminActions(Site site, Templates templates) {
        this.site = site;
    }

    void register(RoutesConfig r) {
        r.post("/admin/papers/<id>/hide", this::hide);
        r.post("/admin/papers/<id>/code", this::code);
    }

    private void hide(Context ctx) {
        NextPath next = NextPath.parse(ctx.formParam("next"));
        if (!admitted(ctx, next)) {
            return;
        }
        String id = VoteRoutes.paperId(ctx);
        boolean hidden = switch (String.valueOf(ctx.formParam("hidden"))) {
            case "true" -> true;
            case "false" -> false;
            default -> throw HttpError.badField("hidden", ctx.formParam("hidden"), "must be true or false");
        };
        if (!site.feedStore().setHidden(id, hidden)) {
            throw noPaper(id);
        }
        site.feed().invalidate();
        ctx.redirect(next.path(), HttpStatus.SEE_OTHER);
    }

    private void code(Context ctx) {
        NextPath next = NextPath.parse(ctx.formParam("next"));
        if (!admitted(ctx, next)) {
            return;
        }
        String id = VoteRoutes.paperId(ctx);
        String given = ctx.formParam("url") == null ? "" : ctx.formParam("url").strip();
        String url = given.isEmpty() ? null : codeUrl(given);
        FeedRepository store = site.feedStore();
        try {
            store.setCodeUrl(id, url).orElseThrow(() -> noPaper(id));
        } catch (InvalidRecordException e) {
            throw HttpError.badField("url", given, e.getMessage());
        }
        site.indexing().changed();
        site.feed().invalidate();
        ctx.redirect(next.path(), HttpStatus.SEE_OTHER);
    }

    /** True for admins; redirects anonymous visitors to sign in and refuses everyone else. */
    private static boolean admitted(Context ctx, NextPath next) {
        return AdminGate.admitted(ctx, next, "only the site's admins (PAPERBOY_ADMINS) may do this");
    }

    /** {@code given} when it is an absolute http(s) URL with a host; a 400 naming {@code url} otherwise. */
    static String codeUrl(String given) {
        String reason = "must be an http or https address like https://github.com/org/repo";
        if (given.length() > 2000) {
            throw HttpError.badField("url", given, "is longer than 2000 characters");
        }
        try {
            URI uri = new URI(given);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
                throw HttpError.badField("url", given, reason);
            }
            return uri.toString();
        } catch (URISyntaxException e) {
            throw HttpError.badField("url", given, reason);
        }
    }

    private static HttpError noPaper(String id) {
        return HttpError.notFound("there is no paper " + HttpError.shorten(id));
    }
}
