package org.paperboy.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code /submit}: a form taking an arXiv id or URL. Anyone sees the form; only a signed-in
 * visitor may post it (anonymous posts go to the sign-in page). A stored paper answers 303 to
 * its page; a paper that was already listed shows the form with "already listed" and a link to
 * it; every refusal shows the form again with the typed value, a message, and the status of the
 * refusal (400, 403, 404, 429 or 502).
 */
final class SubmitPages {

    private final Site site;
    private final Templates templates;
    private final Submissions submissions;

    SubmitPages(Site site, Templates templates, Submissions submissions) {
        this.site = site;
        this.templates = templates;
        this.submissions = submissions;
    }

    void register(RoutesConfig r) {
        r.get("/submit", ctx -> form(ctx, "", null));
        r.post("/submit", this::submit);
    }

    private void submit(Context ctx) {
        Visitor visitor = Visitor.of(ctx);
        if (!visitor.signedIn()) {
            ctx.redirect("/login?next=/submit", HttpStatus.SEE_OTHER);
            return;
        }
        String value = ctx.formParam(Submissions.FIELD);
        try {
            Submissions.Outcome s = submissions.submit(visitor.user(), ClientAddress.of(ctx), value);
            if (s.alreadyListed()) {
                Map<String, Object> params = formParams(ctx, value.strip(), null);
                params.put("listed", site.papers().find(s.id()).orElse(null));
                templates.page(ctx, "submit.jte", params);
                return;
            }
            ctx.redirect("/papers/" + s.id(), HttpStatus.SEE_OTHER);
        } catch (HttpError e) {
            ctx.status(e.status());
            // The page is the answer: WebServer's error handlers must not replace it.
            ctx.attribute(WebServer.RENDERED, Boolean.TRUE);
            if (e.retryAfterSeconds() != null) {
                ctx.header("Retry-After", e.retryAfterSeconds().toString());
            }
            String message =
                    e.errors().isEmpty() ? e.detail() : e.errors().get(0).reason();
            form(ctx, value == null ? "" : value, message);
        }
    }

    private void form(Context ctx, String value, String error) {
        templates.page(ctx, "submit.jte", formParams(ctx, value, error));
    }

    private static Map<String, Object> formParams(Context ctx, String value, String error) {
        Map<String, Object> params = new HashMap<>();
        params.put("layout", Layout.of("Submit a paper", Visitor.of(ctx), "submit"));
        params.put("value", value);
        params.put("error", error);
        params.put("listed", null);
        return params;
    }
}
