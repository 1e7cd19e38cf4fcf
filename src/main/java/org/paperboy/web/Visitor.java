package org.paperboy.web;

import io.javalin.http.Context;
import org.paperboy.store.User;

/**
 * Who is asking: the signed-in account (or {@code null}), whether it is an admin, and the CSRF
 * token every form of the page must carry. Set on each request by {@link WebServer}.
 */
public record Visitor(User user, boolean admin, String csrfToken) {

    static final String ATTRIBUTE = "paperboy.visitor";

    /** The visitor of this request. */
    public static Visitor of(Context ctx) {
        Visitor v = ctx.attribute(ATTRIBUTE);
        return v == null ? new Visitor(null, false, "") : v;
    }

    public boolean signedIn() {
        return user != null;
    }

    /** The signed-in account, or a 401 telling the visitor to sign in. */
    public User require() {
        if (user == null) {
            throw HttpError.unauthorized("sign in first: /login");
        }
        return user;
    }
}
