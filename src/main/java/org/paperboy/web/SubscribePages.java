package org.paperboy.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.paperboy.digest.DigestLinks.Purpose;
import org.paperboy.digest.InvalidSubscription;
import org.paperboy.digest.SubscriptionForm;
import org.paperboy.digest.SubscriptionForm.AlertInput;
import org.paperboy.store.Subscription;
import org.paperboy.store.Subscription.Settings;
import org.paperboy.store.User;

/**
 * Subscribing to the e-mail digest and leaving it: the {@code /subscribe} form, the JSON
 * {@code POST /api/subscriptions} (202 whatever became of it, so it never tells whether an
 * address is subscribed), the confirmation link (a page whose button confirms), and unsubscribing by signed link: a page with a
 * button, and the RFC 8058 one-click {@code POST /api/unsubscribe?token=}, which needs no cookie.
 */
final class SubscribePages {

    /** Subscription requests one address (IP) may make per hour. */
    static final int REQUESTS_PER_IP_AND_HOUR = 10;

    static final RateLimiter.Limit PER_IP = new RateLimiter.Limit(
            "subscription requests from your network", REQUESTS_PER_IP_AND_HOUR, Duration.ofHours(1));

    static final String ACCEPTED = "{\"status\":\"accepted\",\"detail\":\"if the address can receive mail, a "
            + "confirmation link is on its way; the digest starts once it is followed\"}";

    private final Site site;
    private final Templates templates;
    private final RateLimiter perIp;

    SubscribePages(Site site, Templates templates) {
        this.site = site;
        this.templates = templates;
        this.perIp = new RateLimiter(PER_IP, site.clock());
    }

    void register(RoutesConfig r) {
        r.get("/subscribe", this::form);
        r.post("/subscribe", this::submitForm);
        r.post("/api/subscriptions", this::submitJson);
        r.get(
                "/subscribe/sent",
                ctx -> notice(
                        ctx,
                        "Check your inbox",
                        List.of(
                                "If the address can receive mail, a confirmation link is on its way to it.",
                                "Your digest starts once you follow that link; nothing else is sent before.")));
        r.get("/subscribe/confirm", this::confirmPage);
        r.post("/subscribe/confirm", this::confirm);
        r.get("/unsubscribe", this::unsubscribePage);
        r.post("/unsubscribe", this::unsubscribeForm);
        r.get(
                "/api/unsubscribe",
                ctx -> ctx.redirect(
                        "/unsubscribe?token=" + URLEncoder.encode(token(ctx), StandardCharsets.UTF_8),
                        HttpStatus.SEE_OTHER));
        r.post("/api/unsubscribe", this::oneClick);
    }

    private void form(Context ctx) {
        Visitor v = Visitor.of(ctx);
        Subscription current = current(v);
        page(ctx, 200, SubscribeView.of(v.signedIn() ? v.user().email() : "", current), v);
    }

    private void submitForm(Context ctx) {
        Visitor v = Visitor.of(ctx);
        List<AlertInput> alerts = new ArrayList<>();
        List<String> queries = ctx.formParams("alert_query");
        List<String> cats = ctx.formParams("alert_category");
        for (int i = 0; i < queries.size(); i++) {
            String q = queries.get(i);
            String c = i < cats.size() ? cats.get(i) : "";
            if (!q.isBlank() || !c.isBlank()) {
                alerts.add(new AlertInput(q, c));
            }
        }
        String categories = ctx.formParam("categories");
        SubscriptionForm form = new SubscriptionForm(
                ctx.formParam("email"),
                ctx.formParam("frequency"),
                ctx.formParam("trending") != null,
                split(categories),
                alerts);
        Settings settings;
        try {
            settings = form.parse();
        } catch (InvalidSubscription e) {
            Map<String, String> errors = new LinkedHashMap<>();
            for (InvalidSubscription.Problem p : e.problems()) {
                String field = p.field().startsWith("categories") ? "categories" : p.field();
                errors.putIfAbsent(field, p.reason());
            }
            page(ctx, 400, SubscribeView.of(form, categories, errors, current(v)), v);
            return;
        }
        limit(ctx);
        if (ownAddress(v, settings)) {
            site.subscriptions().subscribeOwnAddress(settings);
            ctx.redirect("/subscribe?saved=1", HttpStatus.SEE_OTHER);
            return;
        }
        site.subscriptions().request(settings);
        ctx.redirect("/subscribe/sent", HttpStatus.SEE_OTHER);
    }

    private void submitJson(Context ctx) {
        SubscriptionForm form = SubscriptionJson.parse(ctx.body());
        Settings settings;
        try {
            settings = form.parse();
        } catch (InvalidSubscription e) {
            throw new HttpError(
                    400,
                    "Bad Request",
                    e.getMessage(),
                    e.problems().stream()
                            .map(p -> new HttpError.FieldError(p.field(), HttpError.shorten(p.value()), p.reason()))
                            .toList(),
                    null);
        }
        limit(ctx);
        Visitor v = Visitor.of(ctx);
        if (ownAddress(v, settings)) {
            site.subscriptions().subscribeOwnAddress(settings);
        } else {
            site.subscriptions().request(settings);
        }
        ctx.status(202).contentType("application/json").result(ACCEPTED);
    }

    /** The link of the mail opens a page with a button: mail scanners fetch links, and a GET changes nothing. */
    private void confirmPage(Context ctx) {
        String token = ctx.queryParam("token");
        if (token == null || token.isBlank() || token.length() > 100) {
            throw HttpError.badField("token", token, "is not a confirmation link; subscribe again at /subscribe");
        }
        ctx.header("Cache-Control", "no-store");
        templates.page(
                ctx,
                "subscribe-confirm.jte",
                Map.of("layout", Layout.of("Confirm your digest", Visitor.of(ctx), ""), "token", token.strip()));
    }

    private void confirm(Context ctx) {
        Subscription s = site.subscriptions()
                .confirm(ctx.formParam("token"))
                .orElseThrow(
                        () -> HttpError.badRequest(
                                "this confirmation link is unknown, was used already, was "
                                        + "replaced by a newer one or has expired (links work for 7 days); subscribe again at /subscribe"));
        notice(
                ctx,
                "Your digest is on",
                List.of(
                        "The " + s.settings().frequency().key() + " digest will be sent to " + s.email() + ".",
                        "Every digest has a link to unsubscribe with one click."),
                site.subscriptions().links().previewUrl(s.id()));
    }

    private void unsubscribePage(Context ctx) {
        Subscription s = byToken(ctx);
        Visitor v = Visitor.of(ctx);
        templates.page(
                ctx,
                "unsubscribe.jte",
                Map.of(
                        "layout", Layout.of("Unsubscribe", v, ""),
                        "email", s.email(),
                        "frequency", s.settings().frequency().key(),
                        "active", s.active(),
                        "token", token(ctx)));
    }

    private void unsubscribeForm(Context ctx) {
        Visitor v = Visitor.of(ctx);
        Subscription s;
        if (ctx.formParam("token") != null) {
            s = byToken(ctx);
        } else {
            User user = v.require();
            s = site.subscriptions()
                    .findByEmail(user.email())
                    .orElseThrow(() -> HttpError.notFound("there is no digest subscription for " + user.email()));
        }
        site.subscriptions().unsubscribe(s.id());
        notice(
                ctx,
                "You are unsubscribed",
                List.of(
                        "No more digests will be sent to " + s.email() + ".",
                        "Changed your mind? You can subscribe again at any time."));
    }

    /** RFC 8058: the mail provider POSTs {@code List-Unsubscribe=One-Click} here, without cookies. */
    private void oneClick(Context ctx) {
        long id = verified(token(ctx));
        site.subscriptions().unsubscribe(id);
        ctx.status(200).contentType("application/json").result("{\"status\":\"unsubscribed\"}");
    }

    private Subscription byToken(Context ctx) {
        long id = verified(token(ctx));
        return site.subscriptions()
                .find(id)
                .orElseThrow(() -> HttpError.notFound("the subscription of this link no longer exists"));
    }

    private long verified(String token) {
        OptionalLong id = site.subscriptions().links().verify(Purpose.UNSUBSCRIBE, token);
        if (id.isEmpty()) {
            throw HttpError.badField("token", token, "is not a valid unsubscribe link; use the link of a digest");
        }
        return id.getAsLong();
    }

    private static String token(Context ctx) {
        String t = ctx.queryParam("token");
        if (t == null && formBody(ctx)) {
            t = ctx.formParam("token");
        }
        return t == null ? "" : t.strip();
    }

    private static boolean formBody(Context ctx) {
        String type = ctx.contentType();
        return type != null && type.startsWith("application/x-www-form-urlencoded");
    }

    private boolean ownAddress(Visitor v, Settings settings) {
        return v.signedIn() && v.user().email().equalsIgnoreCase(settings.email());
    }

    private Subscription current(Visitor v) {
        return v.signedIn() ? site.subscriptions().findByEmail(v.user().email()).orElse(null) : null;
    }

    private void limit(Context ctx) {
        perIp.check(ClientAddress.of(ctx));
    }

    private void page(Context ctx, int status, SubscribeView view, Visitor v) {
        ctx.status(status);
        templates.page(
                ctx,
                "subscribe.jte",
                Map.of(
                        "layout",
                        Layout.of("E-mail digest", v, "subscribe"),
                        "form",
                        view,
                        "saved",
                        "1".equals(ctx.queryParam("saved")),
                        "previewUrl",
                        view.subscribed() ? "/digest/preview" : ""));
    }

    private void notice(Context ctx, String heading, List<String> lines) {
        notice(ctx, heading, lines, "");
    }

    private void notice(Context ctx, String heading, List<String> lines, String previewUrl) {
        templates.page(
                ctx,
                "subscribe-notice.jte",
                Map.of(
                        "layout", Layout.of(heading, Visitor.of(ctx), ""),
                        "heading", heading,
                        "lines", lines,
                        "previewUrl", previewUrl));
    }

    /** Categories typed in one field, separated by spaces or commas. */
    static List<String> split(String categories) {
        if (categories == null || categories.isBlank()) {
            return List.of();
        }
        return Arrays.stream(categories.split("[\\s,]+"))
                .filter(c -> !c.isEmpty())
                .toList();
    }
}
