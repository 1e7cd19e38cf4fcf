package org.paperboy.web;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperboy.config.PaperboyConfig;
import org.paperboy.mail.MailException;
import org.paperboy.mail.Mailer;
import org.slf4j.LoggerFactory;

class AccountPagesIT {

    private static final Pattern LINK = Pattern.compile("(http://\\S+/login/confirm\\?token=)([A-Za-z0-9_-]{43})");
    private static final Mailer BROKEN = m -> {
        throw new MailException("connection refused by smtp.example.org:25", false, null);
    };

    @TempDir
    Path dir;

    TestSite site;
    final ListAppender<ILoggingEvent> log = new ListAppender<>();

    @BeforeEach
    void watchLog() {
        log.start();
        ((Logger) LoggerFactory.getLogger(SignIn.class)).addAppender(log);
    }

    @AfterEach
    void stop() {
        ((Logger) LoggerFactory.getLogger(SignIn.class)).detachAppender(log);
        if (site != null) {
            site.close();
        }
    }

    private TestSite start() {
        site = TestSite.builder(dir).papers(TestAccounts.papers()).start();
        return site;
    }

    /** The token of the last sign-in link the development mailer wrote. */
    private String lastMailedToken() {
        Matcher m = LINK.matcher(site.mailLog());
        String token = null;
        while (m.find()) {
            token = m.group(2);
        }
        assertThat(token).as("a sign-in link in the mail log").isNotNull();
        return token;
    }

    private List<String> logLines() {
        return log.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    @Test
    void shows_the_sign_in_form_with_a_local_next_path_only() {
        start();
        TestBrowser b = site.browser();

        HttpResponse<String> r = b.get("/login?next=/papers/2607.00001");
        HttpResponse<String> evil = b.get("/login?next=https://evil.example/");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body())
                .contains(
                        "<h1>Sign in</h1>",
                        "<form method=\"post\" action=\"/login\" class=\"stack\" novalidate>",
                        "<input type=\"hidden\" name=\"_csrf\" value=\"" + b.csrf() + "\">",
                        "<input type=\"hidden\" name=\"next\" value=\"/papers/2607.00001\">",
                        "<button type=\"submit\" class=\"button primary\">Send me a sign-in link</button>");
        assertThat(evil.body()).contains("<input type=\"hidden\" name=\"next\" value=\"/\">");
    }

    @Test
    void mails_a_sign_in_link_and_asks_to_check_the_inbox() {
        start();

        HttpResponse<String> r = site.browser().postForm("/login", Map.of("email", " Alice@Example.org ", "next", "/"));

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body())
                .contains(
                        "<h1>Check your inbox</h1>",
                        "<p>We sent a sign-in link to <strong>alice@example.org</strong>.",
                        "expires in 15 minutes, at 12:15 UTC on 2026-07-02.",
                        "<p class=\"notice\">Development mode: the link is also in the server log.</p>");
        String token = lastMailedToken();
        assertThat(site.mailLog())
                .isEqualTo("mail to alice@example.org: Your Paperboy sign-in link\n"
                        + "Hello,\n\nopen this link to sign in to Paperboy:\n\n"
                        + "http://localhost:8080/login/confirm?token=" + token + "\n\n"
                        + "It works once and expires in 15 minutes, at 12:15 UTC on 2026-07-02.\n"
                        + "If you did not ask to sign in, ignore this message: nothing happens without the link.\n\n");
        assertThat(logLines())
                .containsExactly(
                        "sign-in link for a***@example.org: http://localhost:8080/login/confirm?token=" + token);
    }

    @Test
    void shows_a_field_error_on_the_form_for_an_address_that_is_not_one() {
        start();
        TestBrowser b = site.browser();

        HttpResponse<String> bad = b.postForm("/login", Map.of("email", "alice at example", "next", "/me"));
        HttpResponse<String> empty = b.postForm("/login", Map.of("email", "  ", "next", "/me"));

        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body())
                .contains(
                        "value=\"alice at example\"",
                        "aria-invalid=\"true\"",
                        "<p id=\"email-error\" class=\"field-error\" role=\"alert\">this is not an e-mail address we can"
                                + " send to; enter one like alice@example.org</p>",
                        "<input type=\"hidden\" name=\"next\" value=\"/me\">");
        assertThat(empty.statusCode()).isEqualTo(400);
        assertThat(empty.body())
                .contains("<p id=\"email-error\" class=\"field-error\" role=\"alert\">enter your e-mail address</p>");
        assertThat(site.mailLog()).isEmpty();
    }

    @Test
    void answers_alike_whether_or_not_the_address_has_an_account() {
        start();
        site.site.users().signIn("known@example.org");
        TestBrowser b = site.browser();

        String known =
                b.postForm("/login", Map.of("email", "known@example.org")).body();
        String unknown =
                b.postForm("/login", Map.of("email", "fresh@example.org")).body();

        assertThat(known.replace("known@", "X@")).isEqualTo(unknown.replace("fresh@", "X@"));
    }

    @Test
    void the_mailed_link_opens_a_page_with_one_button_and_does_not_sign_in_by_itself() {
        start();
        TestBrowser b = site.browser();
        b.postForm("/login", Map.of("email", "alice@example.org", "next", "/me"));
        String token = lastMailedToken();

        HttpResponse<String> page = b.get("/login/confirm?token=" + token);

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body())
                .contains(
                        "<form method=\"post\" action=\"/login/confirm\">",
                        "<input type=\"hidden\" name=\"token\" value=\"" + token + "\">",
                        "<button type=\"submit\" class=\"button primary\">Sign in</button>");
        assertThat(b.cookie(WebServer.SESSION_COOKIE)).isNull();
        assertThat(site.site.users().count()).isZero();
    }

    @Test
    void pressing_sign_in_starts_a_session_and_goes_to_the_saved_page() {
        start();
        TestBrowser b = site.browser();
        b.postForm("/login", Map.of("email", "alice@example.org", "next", "/papers/hep-th/9901001"));

        HttpResponse<String> r = b.postForm("/login/confirm", Map.of("token", lastMailedToken()));

        assertThat(r.statusCode()).isEqualTo(303);
        assertThat(r.headers().firstValue("Location")).hasValue("/papers/hep-th/9901001");
        long id =
                site.site.users().findByEmail("alice@example.org").orElseThrow().id();
        assertThat(site.site.sessions().userOf(b.cookie(WebServer.SESSION_COOKIE)))
                .contains(id);
        assertThat(b.get("/me").body()).contains("<dt>E-mail</dt><dd>alice@example.org</dd>");
    }

    @Test
    void a_used_or_malformed_link_answers_400_with_a_way_to_get_a_new_one() {
        start();
        TestBrowser b = site.browser();
        b.postForm("/login", Map.of("email", "alice@example.org"));
        String token = lastMailedToken();
        b.postForm("/login/confirm", Map.of("token", token));

        HttpResponse<String> again = site.browser().postForm("/login/confirm", Map.of("token", token));
        HttpResponse<String> malformed = b.get("/login/confirm?token=%3Cscript%3E");
        HttpResponse<String> missing = b.postForm("/login/confirm", Map.of());

        for (HttpResponse<String> r : List.of(again, malformed, missing)) {
            assertThat(r.statusCode()).isEqualTo(400);
            assertThat(r.body())
                    .contains(
                            "<h1>This sign-in link has expired or was already used</h1>",
                            "<a href=\"/login\">Ask for a new link</a>")
                    .doesNotContain("<script>");
        }
    }

    @Test
    void signing_out_ends_the_session_and_clears_the_cookie() {
        start();
        TestBrowser b = TestAccounts.signedIn(site, "alice@example.org");
        String session = b.cookie(WebServer.SESSION_COOKIE);

        HttpResponse<String> r = b.postForm("/logout", Map.of());

        assertThat(r.statusCode()).isEqualTo(303);
        assertThat(r.headers().firstValue("Location")).hasValue("/");
        assertThat(r.headers().allValues("Set-Cookie"))
                .containsExactly("pb_session=; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly; SameSite=Lax");
        assertThat(site.site.sessions().userOf(session)).isEmpty();
        assertThat(b.get("/me").statusCode()).isEqualTo(303);
    }

    @Test
    void sends_an_anonymous_visitor_of_me_to_sign_in() {
        start();

        HttpResponse<String> r = site.browser().get("/me");

        assertThat(r.statusCode()).isEqualTo(303);
        assertThat(r.headers().firstValue("Location")).hasValue("/login?next=%2Fme");
    }

    @Test
    void me_shows_the_account_its_upvoted_papers_and_the_token_usage() {
        start();
        TestBrowser b = TestAccounts.signedIn(site, "alice@example.org");
        b.postForm("/papers/2607.00001/upvote", Map.of("upvote", "true", "next", "/"));
        b.postForm("/papers/hep-th/9901001/upvote", Map.of("upvote", "true", "next", "/"));

        HttpResponse<String> r = b.get("/me");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body())
                .contains(
                        "<h1>Your account</h1>",
                        "<dt>E-mail</dt><dd>alice@example.org</dd>",
                        "<dt>Member since</dt><dd><time datetime=\"2026-07-02\">2026-07-02</time></dd>",
                        "<li><a href=\"/papers/2607.00001\">Sparse retrieval</a> <span class=\"muted\">2607.00001</span></li>",
                        "<li><a href=\"/papers/hep-th/9901001\">Strings on branes</a>",
                        "curl -H \"Authorization: Bearer TOKEN\" -X POST http://localhost:8080/api/papers/ID/upvote",
                        "<p>You have no API token.</p>",
                        "<button type=\"submit\" class=\"button primary\">Create API token</button>",
                        "<form method=\"post\" action=\"/logout\">")
                .doesNotContain("<span class=\"badge\">admin</span>");
    }

    @Test
    void me_shows_the_admin_badge_to_admins() {
        site = TestSite.builder(dir)
                .config(PaperboyConfig.ADMINS, "boss@example.org")
                .start();

        String body = TestAccounts.signedIn(site, "boss@example.org").get("/me").body();

        assertThat(body).contains("<dd>boss@example.org <span class=\"badge\">admin</span></dd>");
    }

    @Test
    void shows_a_new_api_token_once_replaces_it_and_revokes_it() {
        start();
        TestBrowser b = TestAccounts.signedIn(site, "alice@example.org");

        HttpResponse<String> made = b.postForm("/me/token", Map.of());
        String token = tokenIn(made.body());

        assertThat(made.statusCode()).isEqualTo(200);
        assertThat(made.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(made.body()).contains("copy it now; it is not shown again", "Replace token");
        assertThat(site.site.users().findByApiToken(token)).isPresent();
        assertThat(b.get("/me").body()).doesNotContain(token).contains("<p>You have an API token.");

        String replacement = tokenIn(b.postForm("/me/token", Map.of()).body());
        assertThat(replacement).isNotEqualTo(token);
        assertThat(site.site.users().findByApiToken(token)).isEmpty();

        HttpResponse<String> revoked = b.postForm("/me/token/revoke", Map.of());
        assertThat(revoked.statusCode()).isEqualTo(303);
        assertThat(revoked.headers().firstValue("Location")).hasValue("/me");
        assertThat(site.site.users().findByApiToken(replacement)).isEmpty();
        assertThat(b.get("/me").body()).contains("<p>You have no API token.</p>");
    }

    private static String tokenIn(String body) {
        Matcher m = Pattern.compile("<code class=\"token\">(pb_[A-Za-z0-9_-]{43})</code>")
                .matcher(body);
        assertThat(m.find()).as("a token on the page").isTrue();
        return m.group(1);
    }

    @Test
    void token_actions_of_an_anonymous_visitor_go_to_sign_in() {
        start();

        HttpResponse<String> r = site.browser().postForm("/me/token", Map.of());

        assertThat(r.statusCode()).isEqualTo(303);
        assertThat(r.headers().firstValue("Location")).hasValue("/login?next=%2Fme");
    }

    @Test
    void in_development_a_failed_mail_still_shows_the_inbox_page_and_logs_the_link() {
        site = TestSite.builder(dir).mailer(BROKEN).start();

        HttpResponse<String> r = site.browser().postForm("/login", Map.of("email", "alice@example.org"));

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body())
                .contains(
                        "<h1>Check your inbox</h1>",
                        "<p class=\"notice\">The e-mail could not be sent. This server runs in development mode, "
                                + "so the link is also in the server log.</p>");
        assertThat(logLines())
                .hasSize(2)
                .first()
                .isEqualTo("could not send a sign-in e-mail to a***@example.org: "
                        + "connection refused by smtp.example.org:25");
        assertThat(logLines().get(1))
                .startsWith("sign-in link for a***@example.org: http://localhost:8080/login/confirm?token=");
    }

    @Test
    void in_production_a_failed_mail_shows_the_form_again_with_503_and_logs_no_link() {
        site = TestSite.builder(dir)
                .mailer(BROKEN)
                .config(PaperboyConfig.BASE_URL, "https://papers.example.org")
                .start();

        HttpResponse<String> r =
                TestAccounts.postFormByHand(site, "/login", Map.of("email", "alice@example.org", "next", "/trending"));

        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(r.body())
                .contains(
                        "value=\"alice@example.org\"",
                        "<input type=\"hidden\" name=\"next\" value=\"/trending\">",
                        "<p id=\"email-error\" class=\"field-error\" role=\"alert\">we could not send the e-mail, try "
                                + "again later</p>");
        assertThat(logLines())
                .containsExactly("could not send a sign-in e-mail to a***@example.org: "
                        + "connection refused by smtp.example.org:25");
    }

    @Test
    void in_production_a_sent_link_is_never_logged() {
        site = TestSite.builder(dir)
                .config(PaperboyConfig.BASE_URL, "https://papers.example.org")
                .start();

        HttpResponse<String> r = TestAccounts.postFormByHand(site, "/login", Map.of("email", "alice@example.org"));

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("<h1>Check your inbox</h1>").doesNotContain("server log");
        assertThat(site.mailLog()).contains("https://papers.example.org/login/confirm?token=");
        assertThat(logLines()).isEmpty();
    }
}
