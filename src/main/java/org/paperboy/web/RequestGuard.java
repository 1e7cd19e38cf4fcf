package org.paperboy.web;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.Set;
import org.paperboy.store.Secrets;
import org.paperboy.store.User;

/**
 * What every request passes before its route: the method must be one HTTP defines (else 501),
 * the client's address is settled ({@link ClientAddress}), and the caller is authenticated by
 * exactly one means: a valid {@code Authorization: Bearer} API token, or the session cookie, whose
 * state-changing requests must then carry the CSRF token. A Bearer header with a bad token is a
 * 401 whatever cookie comes with it; it never falls back to the session.
 */
final class RequestGuard {

    /** The methods of RFC 9110 and PATCH; anything else is answered 501 and counted as "other". */
    static final Set<String> KNOWN_METHODS =
            Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH");

    private static final String BEARER = "paperboy.bearer";

    private final Site site;
    private final ClientAddress clients;

    RequestGuard(Site site, ClientAddress clients) {
        this.site = site;
        this.clients = clients;
    }

    /** The method's name for metrics and logs: a known method, or {@code other}. */
    static String methodLabel(Context ctx) {
        String m = ctx.method().name();
        return KNOWN_METHODS.contains(m) ? m : "other";
    }

    void check(Context ctx) {
        clients.settle(ctx);
        if (!KNOWN_METHODS.contains(ctx.method().name())) {
            // Not 501: no request of a client may get a 5xx; the method is simply not allowed anywhere.
            throw new MethodNotAllowed("this server does not know that method");
        }
        String type = ctx.header("Content-Type");
        String charset = type == null ? null : charset(type);
        if (charset != null && !supported(charset)) {
            throw new HttpError(
                    415,
                    "Unsupported Media Type",
                    "Content-Type: the charset '" + HttpError.shorten(charset) + "' is unknown; send UTF-8",
                    java.util.List.of(),
                    null);
        }
        if (ctx.path().startsWith("/static/") || ctx.path().startsWith("/webjars/")) {
            return;
        }
        String csrf = ctx.cookie(WebServer.CSRF_COOKIE);
        if (csrf == null || csrf.length() != 43) {
            csrf = Secrets.newToken();
            ctx.cookie(WebServer.cookie(site, WebServer.CSRF_COOKIE, csrf, -1));
        }
        Optional<String> bearer = bearerToken(ctx);
        if (bearer.isPresent()) {
            User user = tokenUser(bearer.get());
            if (user == null) {
                ctx.header("WWW-Authenticate", "Bearer realm=\"paperboy\", error=\"invalid_token\"");
                throw HttpError.unauthorized(
                        "the API token is not valid; create a new one at /me (it may have been replaced or revoked)");
            }
            // The token is the only authority of this request: no session, and no CSRF (no ambient authority).
            ctx.attribute(Visitor.ATTRIBUTE, new Visitor(user, site.isAdmin(user.email()), csrf));
            ctx.attribute(BEARER, Boolean.TRUE);
            return;
        }
        User user = null;
        String session = ctx.cookie(WebServer.SESSION_COOKIE);
        if (session != null && !session.isEmpty() && session.length() <= 100) {
            user = site.sessions().userOf(session).flatMap(site.users()::find).orElse(null);
        }
        ctx.attribute(Visitor.ATTRIBUTE, new Visitor(user, user != null && site.isAdmin(user.email()), csrf));
    }

    /**
     * Before a route that exists runs (so a wrong method is a 405 and an unknown path a 404 first):
     * a form body must be readable, and a write by cookie must carry the CSRF token.
     */
    void checkWrite(Context ctx) {
        readableForm(ctx);
        if (ctx.attribute(BEARER) != null || !unsafe(ctx.method())) {
            return;
        }
        String session = ctx.cookie(WebServer.SESSION_COOKIE);
        if (needsCsrf(ctx, session)) {
            String csrf = Visitor.of(ctx).csrfToken();
            String given = Optional.ofNullable(ctx.header(WebServer.CSRF_HEADER))
                    .orElseGet(() -> formParam(ctx, WebServer.CSRF_FIELD));
            if (given == null || !constantTimeEquals(given, csrf)) {
                throw HttpError.forbidden("the form is out of date or came from another site (CSRF token missing or "
                        + "wrong); reload the page and try again");
            }
        }
    }

    /**
     * Reads a form body once, so a malformed one (a multipart body without its boundary, a bad
     * percent escape) is a 400 here, on every path, rather than an exception in whatever reads it.
     */
    private static void readableForm(Context ctx) {
        String type = ctx.contentType();
        if (!unsafe(ctx.method())
                || type == null
                || !(type.regionMatches(true, 0, "multipart/", 0, 10)
                        || type.regionMatches(true, 0, "application/x-www-form-urlencoded", 0, 33))) {
            return;
        }
        try {
            ctx.formParamMap();
        } catch (Exception e) { // Jetty's ServletException arrives undeclared, through Kotlin
            // The body is half read: the connection cannot carry another request.
            ctx.header("Connection", "close");
            throw HttpError.badField(
                    "body",
                    type,
                    "the form body cannot be read as " + type.split(";")[0].strip()
                            + "; send application/x-www-form-urlencoded or a well-formed multipart/form-data body");
        }
    }

    /** Thrown for a method this server does not know; answered 405 with the path's {@code Allow}. */
    static final class MethodNotAllowed extends RuntimeException {
        MethodNotAllowed(String message) {
            super(message);
        }
    }

    /** The {@code charset} parameter of a Content-Type, unquoted, or {@code null}. */
    static String charset(String contentType) {
        for (String part : contentType.split(";")) {
            String p = part.strip();
            if (p.regionMatches(true, 0, "charset=", 0, 8)) {
                return p.substring(8).strip().replace("\"", "");
            }
        }
        return null;
    }

    private static boolean supported(String charset) {
        try {
            return java.nio.charset.Charset.isSupported(charset);
        } catch (IllegalArgumentException e) { // an illegal name
            return false;
        }
    }

    /** The token of an {@code Authorization: Bearer} header (possibly empty), if the request has one. */
    static Optional<String> bearerToken(Context ctx) {
        String auth = ctx.header("Authorization");
        if (auth == null) {
            return Optional.empty();
        }
        String a = auth.strip();
        if (a.equalsIgnoreCase("Bearer")) {
            return Optional.of("");
        }
        if (a.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.of(a.substring(7).strip());
        }
        return Optional.empty();
    }

    private User tokenUser(String token) {
        if (token.isEmpty() || token.length() > 200) {
            return null;
        }
        return site.users().findByApiToken(token).orElse(null);
    }

    private static boolean unsafe(HandlerType m) {
        return m == HandlerType.POST || m == HandlerType.PUT || m == HandlerType.DELETE || m == HandlerType.PATCH;
    }

    /** API calls without a session cookie are anonymous and need no CSRF token; everything else does. */
    private static boolean needsCsrf(Context ctx, String session) {
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
}
