package org.paperboy.web;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;

/**
 * The one rule for every admin page and action: the signed-in accounts in
 * {@code PAPERBOY_ADMINS} pass; anonymous visitors are sent to sign in (and back to
 * {@code next}); every other account gets 403.
 */
final class AdminGate {

    private AdminGate() {}

    /**
     * True for admins. Otherwise redirects anonymous visitors to sign in and returns false, or
     * throws a 403 whose detail is {@code refusal} for other accounts.
     */
    static boolean admitted(Context ctx, NextPath next, String refusal) {
        Visitor v = Visitor.of(ctx);
        if (!v.signedIn()) {
            ctx.redirect(next.loginUrl(), HttpStatus.SEE_OTHER);
            return false;
        }
        if (!v.admin()) {
            throw HttpError.forbidden(refusal);
        }
        return true;
    }
}
