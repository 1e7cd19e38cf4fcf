package org.paperboy.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.paperboy.paper.Paper;
import org.paperboy.store.User;

/**
 * The account pages: signing in and out ({@link SignIn}) and {@code /me}, which shows the account,
 * the papers it upvoted and its API token. A new token is shown once, on the page answering the
 * request that made it; the store keeps only its digest.
 */
final class AccountPages {

    /** Upvoted papers listed on {@code /me}, newest vote first. */
    static final int UPVOTED_SHOWN = 100;

    private static final NextPath ME = new NextPath("/me");

    private final Site site;
    private final Templates templates;

    AccountPages(Site site, Templates templates) {
        this.site = site;
        this.templates = templates;
    }

    void register(RoutesConfig r) {
        new SignIn(site, templates).register(r);
        r.get("/me", ctx -> {
            User user = signedIn(ctx);
            if (user != null) {
                render(ctx, user, null);
            }
        });
        r.post("/me/token", ctx -> {
            User user = signedIn(ctx);
            if (user != null) {
                String token = site.users().newApiToken(user.id());
                ctx.header("Cache-Control", "no-store");
                render(ctx, site.users().find(user.id()).orElse(user), token);
            }
        });
        r.post("/me/token/revoke", ctx -> {
            User user = signedIn(ctx);
            if (user != null) {
                site.users().revokeApiToken(user.id());
                ctx.redirect("/me", HttpStatus.SEE_OTHER);
            }
        });
    }

    /** The signed-in account, or {@code null} after redirecting the visitor to sign in. */
    private static User signedIn(Context ctx) {
        Visitor v = Visitor.of(ctx);
        if (!v.signedIn()) {
            ctx.redirect(ME.loginUrl(), HttpStatus.SEE_OTHER);
            return null;
        }
        return v.user();
    }

    private void render(Context ctx, User user, String newToken) {
        List<String> ids = site.votes().votedBy(user.id(), UPVOTED_SHOWN);
        Map<String, Paper> visible = site.feedStore().papers(ids);
        List<Paper> upvoted =
                ids.stream().map(visible::get).filter(Objects::nonNull).toList();
        Map<String, Object> params = new HashMap<>();
        params.put("layout", Layout.of("Your account", Visitor.of(ctx), "me"));
        params.put("user", user);
        params.put("memberSince", user.createdAt().atZone(ZoneOffset.UTC).toLocalDate());
        params.put("upvoted", upvoted);
        params.put("newToken", newToken);
        params.put("base", site.config().baseUrl().toString().replaceAll("/+$", ""));
        templates.page(ctx, "me.jte", params);
    }
}
