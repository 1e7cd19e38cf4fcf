package org.paperboy.web;

import io.javalin.http.Context;
import org.paperboy.store.User;

/**
 * Who is calling the JSON API: the account of an {@code Authorization: Bearer <api token>}
 * header when one is sent (a wrong token is a 401, never a silent fall-back to anonymous), else
 * the visitor's session account, else nobody. {@link WebServer} exempts Bearer calls from the CSRF
 * check, so this is the only place that trusts the header.
 */
final class ApiAuth {

    private ApiAuth() {}

    /** The calling account, or {@code null} for an anonymous call. */
    static User user(Context ctx, Site site) {
        String header = ctx.header("Authorization");
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            String token = header.substring(7).strip();
            User u = token.isEmpty() || token.length() > 200
                    ? null
                    : site.users().findByApiToken(token).orElse(null);
            if (u == null) {
                ctx.header("WWW-Authenticate", "Bearer realm=\"paperboy\", error=\"invalid_token\"");
                throw HttpError.unauthorized("the API token is not valid; make a new one at /me");
            }
            return u;
        }
        return Visitor.of(ctx).user();
    }

    /** The calling account, or a 401 telling the caller how to authenticate. */
    static User require(Context ctx, Site site) {
        User u = user(ctx, site);
        if (u == null) {
            ctx.header("WWW-Authenticate", "Bearer realm=\"paperboy\"");
            throw HttpError.unauthorized(
                    "sign in first: send Authorization: Bearer <API token from /me>, or a session cookie with "
                            + "the X-CSRF-Token header");
        }
        return u;
    }
}
