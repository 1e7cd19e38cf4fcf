package org.paperboy.web;

import io.javalin.http.Context;
import org.paperboy.store.User;

/**
 * Who is calling the JSON API: the account {@link RequestGuard} authenticated, by exactly one
 * means (a valid {@code Authorization: Bearer} API token, or the session cookie whose writes carry
 * the CSRF token), else nobody. A wrong token never gets here: the guard answers it with 401.
 */
final class ApiAuth {

    private ApiAuth() {}

    /** The calling account, or {@code null} for an anonymous call. */
    static User user(Context ctx, Site site) {
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
