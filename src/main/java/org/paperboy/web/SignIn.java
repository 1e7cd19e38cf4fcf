package org.paperboy.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.paperboy.mail.EmailAddress;
import org.paperboy.mail.MailException;
import org.paperboy.mail.MailMessage;
import org.paperboy.store.LoginTokenRepository.Redeemed;
import org.paperboy.store.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Signing in with an e-mailed link and signing out. The link opens a page with one button rather
 * than signing in on GET, because mail scanners fetch links; the token is single use, expires
 * after {@link #LINK_TTL} and the store keeps only its digest. The answer to a request never
 * tells whether the address already had an account.
 */
final class SignIn {

    static final Duration LINK_TTL = Duration.ofMinutes(15);

    private static final Logger LOG = LoggerFactory.getLogger(SignIn.class);
    private static final DateTimeFormatter EXPIRY = DateTimeFormatter.ofPattern(
                    "HH:mm 'UTC on' yyyy-MM-dd", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{43}");

    private final Site site;
    private final Templates templates;
    private final RateLimiter perIp;
    private final RateLimiter perAddress;

    SignIn(Site site, Templates templates) {
        this.site = site;
        this.templates = templates;
        this.perIp = new RateLimiter(RateLimiter.Limit.SIGN_IN_PER_IP, site.clock());
        this.perAddress = new RateLimiter(RateLimiter.Limit.SIGN_IN_PER_ADDRESS, site.clock());
    }

    void register(RoutesConfig r) {
        r.get("/login", this::form);
        r.post("/login", this::send);
        r.get("/login/confirm", this::confirmPage);
        r.post("/login/confirm", this::confirm);
        r.post("/logout", this::logout);
    }

    private void form(Context ctx) {
        renderForm(ctx, "", NextPath.parse(ctx.queryParam("next")), null);
    }

    private void send(Context ctx) {
        NextPath next = NextPath.parse(ctx.formParam("next"));
        String given = Optional.ofNullable(ctx.formParam("email")).orElse("").strip();
        String problem = addressProblem(given);
        if (problem != null) {
            ctx.status(HttpStatus.BAD_REQUEST);
            renderForm(ctx, given, next, problem);
            return;
        }
        String email = given.toLowerCase(Locale.ROOT);
        perIp.check(ClientAddress.of(ctx));
        perAddress.check(email);
        String token = site.loginTokens().create(email, next.path(), LINK_TTL);
        String link = site.config().baseUrl().toString().replaceAll("/+$", "") + "/login/confirm?token=" + token;
        String expires = EXPIRY.format(site.clock().instant().plus(LINK_TTL));
        boolean sent = mail(email, link, expires);
        if (site.development()) {
            LOG.info("sign-in link for {}: {}", masked(email), link);
        } else if (!sent) {
            ctx.status(HttpStatus.SERVICE_UNAVAILABLE);
            renderForm(ctx, given, next, "we could not send the e-mail, try again later");
            return;
        }
        Map<String, Object> params = new HashMap<>();
        params.put("layout", Layout.of("Check your inbox", Visitor.of(ctx), "login"));
        params.put("email", email);
        params.put("minutes", LINK_TTL.toMinutes());
        params.put("expires", expires);
        params.put("development", site.development());
        params.put("sent", sent);
        templates.page(ctx, "login-sent.jte", params);
    }

    private boolean mail(String email, String link, String expires) {
        String text = """
                Hello,

                open this link to sign in to Paperboy:

                %s

                It works once and expires in %d minutes, at %s.
                If you did not ask to sign in, ignore this message: nothing happens without the link.
                """.formatted(link, LINK_TTL.toMinutes(), expires);
        String html = templates.render(
                "login-mail.jte", Map.of("link", link, "minutes", LINK_TTL.toMinutes(), "expires", expires));
        try {
            site.mailer().send(new MailMessage(email, "Your Paperboy sign-in link", text, html, Map.of()));
            return true;
        } catch (MailException | IllegalArgumentException | IllegalStateException e) {
            LOG.warn("could not send a sign-in e-mail to {}: {}", masked(email), e.getMessage());
            return false;
        }
    }

    private void confirmPage(Context ctx) {
        String token = ctx.queryParam("token");
        if (token == null || !TOKEN.matcher(token).matches()) {
            renderExpired(ctx);
            return;
        }
        ctx.header("Cache-Control", "no-store");
        templates.page(
                ctx,
                "login-confirm.jte",
                Map.of("layout", Layout.of("Sign in", Visitor.of(ctx), "login"), "token", token, "expired", false));
    }

    private void confirm(Context ctx) {
        String token = ctx.formParam("token");
        Optional<Redeemed> redeemed = token == null || !TOKEN.matcher(token).matches()
                ? Optional.empty()
                : site.loginTokens().redeem(token);
        if (redeemed.isEmpty()) {
            renderExpired(ctx);
            return;
        }
        User user = site.users().signIn(redeemed.get().email());
        String old = ctx.cookie(WebServer.SESSION_COOKIE);
        if (old != null && !old.isEmpty() && old.length() <= 100) {
            site.sessions().delete(old);
        }
        String session = site.sessions().create(user.id(), WebServer.SESSION_TTL);
        ctx.cookie(WebServer.cookie(site, WebServer.SESSION_COOKIE, session, (int) WebServer.SESSION_TTL.toSeconds()));
        // Sign-ins are rare, so they are when old links and sessions are cleared away.
        site.loginTokens().purgeExpired(Duration.ofDays(1));
        site.sessions().purgeExpired();
        LOG.info("signed in {}", masked(user.email()));
        ctx.redirect(NextPath.parse(redeemed.get().nextPath()).path(), HttpStatus.SEE_OTHER);
    }

    private void logout(Context ctx) {
        String session = ctx.cookie(WebServer.SESSION_COOKIE);
        if (session != null && !session.isEmpty() && session.length() <= 100) {
            site.sessions().delete(session);
        }
        ctx.cookie(WebServer.cookie(site, WebServer.SESSION_COOKIE, "", 0));
        ctx.redirect("/", HttpStatus.SEE_OTHER);
    }

    private void renderForm(Context ctx, String email, NextPath next, String error) {
        Map<String, Object> params = new HashMap<>();
        params.put("layout", Layout.of("Sign in", Visitor.of(ctx), "login"));
        params.put("email", email);
        params.put("next", next.path());
        params.put("error", error);
        templates.page(ctx, "login.jte", params);
    }

    private void renderExpired(Context ctx) {
        ctx.status(HttpStatus.BAD_REQUEST);
        templates.page(
                ctx,
                "login-confirm.jte",
                Map.of(
                        "layout",
                        Layout.of("Sign-in link expired", Visitor.of(ctx), "login"),
                        "token",
                        "",
                        "expired",
                        true));
    }

    /** Why {@code email} cannot be signed in with, or {@code null} when it can. */
    static String addressProblem(String email) {
        if (email.isEmpty()) {
            return "enter your e-mail address";
        }
        if (email.length() > 254) {
            return "an e-mail address has at most 254 characters";
        }
        if (!EmailAddress.isValid(email)) {
            return "this is not an e-mail address we can send to; enter one like alice@example.org";
        }
        return null;
    }

    /** {@code alice@example.org} as {@code a***@example.org}, for logs. */
    static String masked(String email) {
        int at = email.indexOf('@');
        return at <= 0 ? "***" : email.charAt(0) + "***" + email.substring(at);
    }
}
