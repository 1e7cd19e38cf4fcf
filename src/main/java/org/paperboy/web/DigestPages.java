package org.paperboy.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.paperboy.digest.DigestLinks.Purpose;
import org.paperboy.digest.DigestPreviewer.Preview;
import org.paperboy.store.Subscription;

/**
 * {@code /digest/preview}: the next digest of the signed-in visitor's subscription, or of the
 * subscription a preview link (from a digest) was made for, exactly as the e-mail shows it
 * ({@code ?format=text} for the plain-text part).
 */
final class DigestPages {

    /**
     * The e-mail's own HTML carries its CSS inline (mail clients ignore style sheets), so this page
     * allows inline styles and nothing else: no script, no remote anything.
     */
    static final String PREVIEW_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
            + "form-action 'none'; frame-ancestors 'none'; base-uri 'none'";

    private final Site site;
    private final Templates templates;

    DigestPages(Site site, Templates templates) {
        this.site = site;
        this.templates = templates;
    }

    void register(RoutesConfig r) {
        r.get("/digest/preview", this::preview);
    }

    private void preview(Context ctx) {
        String format = ctx.queryParam("format");
        if (format != null && !format.equals("html") && !format.equals("text")) {
            throw HttpError.badField("format", format, "is not html or text");
        }
        Subscription s = subscription(ctx);
        Preview p;
        try {
            p = site.digestPreviews().preview(s);
        } catch (IllegalStateException e) {
            throw HttpError.unavailable(e.getMessage());
        }
        if (p.isEmpty()) {
            templates.page(
                    ctx,
                    "subscribe-notice.jte",
                    Map.of(
                            "layout",
                            Layout.of("Your next digest", Visitor.of(ctx), "me"),
                            "heading",
                            "Nothing new yet",
                            "lines",
                            List.of(
                                    "Your next " + s.settings().frequency().key() + " digest ("
                                            + p.digest().period().label()
                                            + ") has no papers you have not been sent already.",
                                    "Digests without news are not sent."),
                            "previewUrl",
                            ""));
            return;
        }
        ctx.header("Cache-Control", "no-store");
        if ("text".equals(format)) {
            ctx.contentType("text/plain; charset=utf-8").result(p.text());
        } else {
            ctx.header("Content-Security-Policy", PREVIEW_CSP);
            ctx.contentType("text/html; charset=utf-8").result(p.html());
        }
    }

    private Subscription subscription(Context ctx) {
        String token = ctx.queryParam("token");
        if (token != null) {
            OptionalLong id = site.subscriptions().links().verify(Purpose.PREVIEW, token.strip());
            if (id.isEmpty()) {
                throw HttpError.badField("token", token, "is not a valid preview link; use the link of a digest");
            }
            return site.subscriptions()
                    .find(id.getAsLong())
                    .filter(Subscription::active)
                    .orElseThrow(() -> HttpError.notFound("this digest subscription has ended"));
        }
        Visitor v = Visitor.of(ctx);
        if (!v.signedIn()) {
            throw HttpError.unauthorized("sign in, or open the preview link of one of your digests");
        }
        return site.subscriptions()
                .findByEmail(v.user().email())
                .filter(Subscription::active)
                .orElseThrow(() -> HttpError.notFound("you have no digest subscription yet; subscribe at /subscribe"));
    }
}
