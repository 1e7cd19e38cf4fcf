package org.paperboy.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import io.javalin.http.SameSite;
import io.javalin.http.staticfiles.Location;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.paperboy.store.Secrets;
import org.paperboy.store.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP face of Paperboy on Javalin: pages, the JSON API, Atom feeds and operations, each group
 * of routes in its own class. Here live what every request shares: security headers (a
 * Content-Security-Policy without inline script), who the visitor is (session cookie), the CSRF
 * check on every state-changing request, the access log and metrics, and the one mapper from
 * {@link HttpError} to a problem-JSON body under {@code /api} or an error page elsewhere.
 */
public final class WebServer implements AutoCloseable {

    static final String SESSION_COOKIE = "pb_session";
    static final String CSRF_COOKIE = "pb_csrf";
    static final String CSRF_FIELD = "_csrf";
    static final String CSRF_HEADER = "X-CSRF-Token";
    static final String RENDERED = "paperboy.rendered";
    static final Duration SESSION_TTL = Duration.ofDays(30);

    static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    private static final Logger ACCESS = LoggerFactory.getLogger("paperboy.access");
    private static final Logger LOG = LoggerFactory.getLogger(WebServer.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Site site;
    private final Templates templates = new Templates();
    private final Metrics metrics;
    private final String csp;
    private Javalin app;

    public WebServer(Site site) {
        this.site = site;
        this.metrics = new Metrics(site.clock());
        this.csp = csp(site.config());
    }

    /**
     * The Content-Security-Policy of every page: {@link #CSP}, which allows images from other
     * sites (https, and the Hugging Face endpoint's origin) when {@code PAPERBOY_REMOTE_IMAGES} is
     * on, so that the upstream's thumbnails show.
     */
    static String csp(org.paperboy.config.PaperboyConfig config) {
        if (!config.sources().remoteImages()) {
            return CSP;
        }
        java.net.URI hf = config.sources().hfEndpoint();
        String origin = "http".equals(hf.getScheme())
                ? " http://" + hf.getHost() + (hf.getPort() < 0 ? "" : ":" + hf.getPort())
                : "";
        return CSP.replace("img-src 'self' data:", "img-src 'self' data: https:" + origin);
    }

    /** Starts listening on {@code port} (0 picks a free one) and returns the port bound. */
    public int start(String host, int port) {
        app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.staticFiles.add(files -> {
                files.hostedPath = "/static";
                files.directory = "/static";
                files.location = Location.CLASSPATH;
                files.headers = Map.of("Cache-Control", "public, max-age=3600");
            });
            config.staticFiles.enableWebjars();
            config.requestLogger.http((ctx, ms) -> {
                // The route that answered; before-handlers match "*", so they do not count as one.
                var matched = ctx.endpoints().matchedHttpEndpoint();
                String route = matched != null
                        ? matched.path
                        : ctx.path().startsWith("/static/")
                                ? "/static/*"
                                : ctx.path().startsWith("/webjars/") ? "/webjars/*" : "unmatched";
                metrics.record(ctx.method().name(), route, ctx.statusCode(), ms);
                // The path only: query strings may carry sign-in tokens.
                ACCESS.info(
                        "{} {} {} {} {}ms",
                        ctx.ip(),
                        ctx.method().name(),
                        ctx.path(),
                        ctx.statusCode(),
                        String.format(java.util.Locale.ROOT, "%.1f", ms));
            });
            RoutesConfig r = config.routes;
            r.before(this::beforeEach);
            registerRoutes(r, site, templates, metrics);
            r.exception(HttpError.class, (e, ctx) -> render(ctx, e));
            r.exception(HttpResponseException.class, (e, ctx) -> render(ctx, fromJavalin(ctx, e)));
            r.exception(Exception.class, (e, ctx) -> {
                LOG.error("{} {} failed", ctx.method().name(), ctx.path(), e);
                render(
                        ctx,
                        new HttpError(
                                500,
                                "Internal Server Error",
                                "the server could not answer; the error is in its log",
                                java.util.List.of(),
                                null));
            });
            r.error(404, ctx -> {
                if (!isRendered(ctx)) {
                    render(ctx, HttpError.notFound("there is no page at " + HttpError.shorten(ctx.path())));
                }
            });
            r.error(405, ctx -> {
                if (!isRendered(ctx)) {
                    render(
                            ctx,
                            new HttpError(
                                    405,
                                    "Method Not Allowed",
                                    ctx.method().name() + " is not allowed here",
                                    java.util.List.of(),
                                    null));
                }
            });
        });
        app.start(host, port);
        return app.port();
    }

    /**
     * Every group of routes, in order (the upvote routes before the API's, so {@code <id>} does not
     * swallow {@code /upvote}). Submissions share one rate limit whether they come by form or API.
     */
    static void registerRoutes(RoutesConfig r, Site site, Templates templates, Metrics metrics) {
        Submissions submissions = new Submissions(site);
        new FeedPages(site, templates).register(r);
        new PaperPages(site, templates).register(r);
        new SearchPages(site, templates).register(r);
        new AccountPages(site, templates).register(r);
        new VoteRoutes(site, templates).register(r);
        SignalLimits signalLimits = new SignalLimits(site);
        new LibraryRoutes(site, templates, signalLimits).register(r);
        new ForYouPages(site, templates, signalLimits).register(r);
        new ForYouFeeds(site, signalLimits).register(r);
        new AdminActions(site, templates).register(r);
        new SourcePages(site, templates).register(r);
        new SubmitPages(site, templates, submissions).register(r);
        new PaperApi(site, templates, submissions).register(r);
        new AtomFeeds(site, templates).register(r);
        new Operations(site, templates, metrics).register(r);
        new SubscribePages(site, templates).register(r);
        new DigestPages(site, templates).register(r);
        new ApiDocs(site, templates).register(r);
    }

    /** Security headers, the visitor, and the CSRF check on state-changing requests. */
    private void beforeEach(Context ctx) {
        ctx.header("Content-Security-Policy", csp);
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "same-origin");
        ctx.header("X-Frame-Options", "DENY");
        if (ctx.path().startsWith("/static/") || ctx.path().startsWith("/webjars/")) {
            return;
        }
        String csrf = ctx.cookie(CSRF_COOKIE);
        if (csrf == null || csrf.length() != 43) {
            csrf = Secrets.newToken();
            ctx.cookie(cookie(CSRF_COOKIE, csrf, -1));
        }
        User user = null;
        String session = ctx.cookie(SESSION_COOKIE);
        if (session != null && !session.isEmpty() && session.length() <= 100) {
            user = site.sessions().userOf(session).flatMap(site.users()::find).orElse(null);
        }
        ctx.attribute(Visitor.ATTRIBUTE, new Visitor(user, user != null && site.isAdmin(user.email()), csrf));
        HandlerType m = ctx.method();
        boolean unsafe =
                m == HandlerType.POST || m == HandlerType.PUT || m == HandlerType.DELETE || m == HandlerType.PATCH;
        if (unsafe && needsCsrf(ctx, session)) {
            String given = Optional.ofNullable(ctx.header(CSRF_HEADER)).orElseGet(() -> formParam(ctx, CSRF_FIELD));
            if (given == null || !constantTimeEquals(given, csrf)) {
                throw HttpError.forbidden("the form is out of date or came from another site (CSRF token missing or "
                        + "wrong); reload the page and try again");
            }
        }
    }

    /**
     * Requests authenticated by a Bearer token carry no ambient authority and need no CSRF token;
     * nor do API calls without a session cookie (they are anonymous). Everything else does.
     */
    private static boolean needsCsrf(Context ctx, String session) {
        String auth = ctx.header("Authorization");
        if (auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        return !(ctx.path().startsWith("/api/") && (session == null || session.isEmpty()));
    }

    private static String formParam(Context ctx, String name) {
        String type = ctx.contentType();
        if (type == null
                || !(type.startsWith("application/x-www-form-urlencoded") || type.startsWith("multipart/form-data"))) {
            return null;
        }
        return ctx.formParam(name);
    }

    private static boolean constantTimeEquals(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    /** A cookie that scripts cannot read, sent only to this site's own navigation (SameSite=Lax). */
    Cookie cookie(String name, String value, int maxAgeSeconds) {
        return cookie(site, name, value, maxAgeSeconds);
    }

    static Cookie cookie(Site site, String name, String value, int maxAgeSeconds) {
        return new Cookie(name, value, "/", maxAgeSeconds, site.secure(), true, null, SameSite.LAX);
    }

    private static boolean isRendered(Context ctx) {
        return ctx.attribute(RENDERED) != null;
    }

    /** Javalin's own errors (no route, wrong method, bad body) in our shape. */
    private static HttpError fromJavalin(Context ctx, HttpResponseException e) {
        return switch (e.getStatus()) {
            case 404 -> HttpError.notFound("there is no page at " + HttpError.shorten(ctx.path()));
            case 405 ->
                new HttpError(
                        405,
                        "Method Not Allowed",
                        ctx.method().name() + " is not allowed here",
                        java.util.List.of(),
                        null);
            default ->
                new HttpError(
                        e.getStatus(),
                        HttpStatus.forStatus(e.getStatus()).getMessage(),
                        e.getMessage(),
                        java.util.List.of(),
                        null);
        };
    }

    private void render(Context ctx, HttpError e) {
        ctx.attribute(RENDERED, Boolean.TRUE);
        ctx.status(e.status());
        if (e.retryAfterSeconds() != null) {
            ctx.header("Retry-After", e.retryAfterSeconds().toString());
        }
        if (wantsJson(ctx)) {
            ctx.contentType("application/problem+json").result(problem(e).toString());
        } else {
            Visitor v = Visitor.of(ctx);
            templates.page(ctx, "error.jte", Map.of("layout", Layout.of(e.title(), v, ""), "error", e));
        }
    }

    private static boolean wantsJson(Context ctx) {
        return ctx.path().startsWith("/api/")
                || ctx.path().equals("/metrics")
                || ctx.path().equals("/health");
    }

    /** The RFC 9457 body of {@code e}: type, title, status, detail and any field errors. */
    static ObjectNode problem(HttpError e) {
        ObjectNode o = JSON.createObjectNode();
        o.put("type", "about:blank");
        o.put("title", e.title());
        o.put("status", e.status());
        o.put("detail", e.detail());
        if (!e.errors().isEmpty()) {
            ArrayNode errors = o.putArray("errors");
            for (HttpError.FieldError f : e.errors()) {
                errors.addObject()
                        .put("field", f.field())
                        .put("value", f.value())
                        .put("reason", f.reason());
            }
        }
        return o;
    }

    @Override
    public void close() {
        if (app != null) {
            app.stop();
        }
    }
}
