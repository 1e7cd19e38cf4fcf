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
import io.javalin.router.Endpoint;
import java.time.Duration;
import java.util.Map;
import org.paperboy.config.PaperboyConfig;
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

    /**
     * Starts listening on {@code host} and {@code port} (0 picks a free one) and returns the port
     * bound. Refuses development mode (sign-in links in the log) on an address other than loopback.
     */
    public int start(String host, int port) {
        if (site.development() && !loopback(host)) {
            throw new IllegalStateException("refusing to serve on " + host + " in development mode: "
                    + PaperboyConfig.BASE_URL + " is " + site.config().baseUrl()
                    + " (this machine), so sign-in links are written to the log; set " + PaperboyConfig.BASE_URL
                    + " to the public address, or serve on 127.0.0.1");
        }
        RequestGuard guard =
                new RequestGuard(site, new ClientAddress(site.config().trustedProxies()));
        app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.http.prefer405over404 = true;
            config.jetty.modifyServer(server -> server.setErrorHandler(new JettyErrors()));
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
                String method = RequestGuard.methodLabel(ctx);
                metrics.record(method, route, ctx.statusCode(), ms);
                // The path only (query strings may carry sign-in tokens), shortened and without controls.
                ACCESS.info(
                        "{} {} {} {} {}ms",
                        ClientAddress.of(ctx),
                        method,
                        loggable(ctx.path()),
                        ctx.statusCode(),
                        String.format(java.util.Locale.ROOT, "%.1f", ms));
            });
            RoutesConfig r = config.routes;
            r.before(this::beforeEach);
            r.before(guard::check);
            r.beforeMatched(guard::checkWrite);
            registerRoutes(r, site, templates, metrics);
            r.exception(HttpError.class, (e, ctx) -> render(ctx, e));
            r.exception(
                    RequestGuard.MethodNotAllowed.class, (e, ctx) -> render(ctx, methodNotAllowed(ctx, allowed(ctx))));
            r.exception(HttpResponseException.class, (e, ctx) -> render(ctx, fromJavalin(ctx, e)));
            r.exception(Exception.class, (e, ctx) -> {
                LOG.error("{} {} failed", RequestGuard.methodLabel(ctx), loggable(ctx.path()), e);
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
                    render(ctx, methodNotAllowed(ctx, java.util.List.of()));
                }
            });
        });
        headLikeGet(app);
        app.start(host, port);
        return app.port();
    }

    /** The methods the path of {@code ctx} answers, as one comma-separated entry. */
    private java.util.List<String> allowed(Context ctx) {
        var router = app.unsafe.internalRouter;
        java.util.List<String> methods = new java.util.ArrayList<>();
        for (HandlerType t : HandlerType.values()) {
            if (t.isHttpMethod()
                    && RequestGuard.KNOWN_METHODS.contains(t.name())
                    && !router.findHttpHandlerEntries(t, ctx.path()).isEmpty()) {
                methods.add(t.name());
            }
        }
        return java.util.List.of(String.join(",", methods));
    }

    /** True for the loopback addresses and names: only this machine can connect there. */
    public static boolean loopback(String host) {
        if (host == null) {
            return false;
        }
        String h = host.strip();
        if (h.equalsIgnoreCase("localhost")) {
            return true;
        }
        String literal = ClientAddress.normalized(h);
        try {
            return literal != null && java.net.InetAddress.getByName(literal).isLoopbackAddress();
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    /**
     * Answers HEAD on every GET route with the GET handler (the server sends no body for HEAD), so
     * HEAD gets the status GET would: 404 and 400 included, not Javalin's blanket 200.
     */
    private static void headLikeGet(Javalin app) {
        var router = app.unsafe.internalRouter;
        var gets = router.allHttpHandlers().stream()
                .map(p -> p.endpoint)
                .filter(e -> e.method.equals(HandlerType.GET))
                .toList();
        for (Endpoint e : gets) {
            if (!router.hasHttpHandlerEntry(HandlerType.HEAD, e.path)) {
                router.addHttpEndpoint(new Endpoint(HandlerType.HEAD, e.path, e.handler));
            }
        }
    }

    /** A path for the log: at most 200 characters, control characters replaced. */
    static String loggable(String path) {
        String p = path.length() > 200 ? path.substring(0, 200) + "..." : path;
        return p.replaceAll("\\p{Cntrl}", "?");
    }

    /**
     * Every group of routes, in order (the upvote routes before the API's, so {@code <id>} does not
     * swallow {@code /upvote}). Submissions share one rate limit whether they come by form or API.
     */
    static void registerRoutes(RoutesConfig r, Site site, Templates templates, Metrics metrics) {
        Submissions submissions = new Submissions(site);
        new FeedPages(site, templates).register(r);
        new PaperPages(site, templates).register(r);
        // Searches queue for the cores rather than share them (docs/web.md, BENCHMARKS.md).
        SearchGate searches = SearchGate.perCore();
        new SearchPages(site, templates, searches).register(r);
        new AccountPages(site, templates).register(r);
        new VoteRoutes(site, templates).register(r);
        SignalLimits signalLimits = new SignalLimits(site);
        new LibraryRoutes(site, templates, signalLimits).register(r);
        new ForYouPages(site, templates, signalLimits).register(r);
        new ForYouFeeds(site, signalLimits).register(r);
        new AdminActions(site, templates).register(r);
        new SourcePages(site, templates).register(r);
        new AdminPages(site, templates).register(r);
        new SubmitPages(site, templates, submissions).register(r);
        new PaperApi(site, templates, submissions, searches).register(r);
        new AtomFeeds(site, templates).register(r);
        new Operations(site, templates, metrics).register(r);
        new SubscribePages(site, templates).register(r);
        new DigestPages(site, templates).register(r);
        new ApiDocs(site, templates).register(r);
    }

    /** Security headers on every answer (Jetty's own error pages get them from {@link JettyErrors}). */
    private void beforeEach(Context ctx) {
        ctx.header("Content-Security-Policy", csp);
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "same-origin");
        ctx.header("X-Frame-Options", "DENY");
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
            case 405 -> methodNotAllowed(ctx, e.getDetails().values());
            default ->
                new HttpError(
                        e.getStatus(),
                        HttpStatus.forStatus(e.getStatus()).getMessage(),
                        e.getMessage(),
                        java.util.List.of(),
                        null);
        };
    }

    /** A 405 whose {@code Allow} header lists the methods the path answers ({@code available}, comma-separated). */
    private static HttpError methodNotAllowed(Context ctx, java.util.Collection<String> available) {
        java.util.Set<String> allow = new java.util.TreeSet<>();
        for (String list : available) {
            for (String m : list.split(",")) {
                String name = m.strip();
                if (RequestGuard.KNOWN_METHODS.contains(name)) {
                    allow.add(name);
                }
            }
        }
        if (allow.contains("GET")) {
            allow.add("HEAD");
        }
        if (!allow.isEmpty()) {
            ctx.header("Allow", String.join(", ", allow));
        }
        return new HttpError(
                405,
                "Method Not Allowed",
                (RequestGuard.KNOWN_METHODS.contains(ctx.method().name())
                                ? ctx.method().name()
                                : "this method")
                        + " is not allowed here"
                        + (allow.isEmpty() ? "" : "; allowed: " + String.join(", ", allow)),
                java.util.List.of(),
                null);
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
