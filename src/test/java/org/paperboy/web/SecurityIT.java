package org.paperboy.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.paperboy.config.PaperboyConfig;
import org.paperboy.mail.SmtpMailer;
import org.paperboy.mail.SmtpSettings;
import org.paperboy.store.MutableClock;
import org.paperboy.store.Secrets;

/** Sign-in, sessions, CSRF, redirects and rate limits from an attacker's side. */
class SecurityIT {

    @RegisterExtension
    static final GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    private static final Pattern LINK = Pattern.compile("/login/confirm\\?token=([A-Za-z0-9_-]{43})");

    @TempDir
    Path dir;

    final MutableClock clock = new MutableClock(TestSite.NOW);
    TestSite site;

    @AfterEach
    void stop() {
        if (site != null) {
            site.close();
        }
    }

    private TestSite start() {
        site = TestSite.builder(dir).papers(TestAccounts.papers()).clock(clock).start();
        return site;
    }

    /** Asks for a sign-in link for {@code email} and returns the token in the mail written to the log. */
    private String requestLink(TestBrowser b, String email, String next) {
        HttpResponse<String> r = b.postForm("/login", Map.of("email", email, "next", next));
        assertThat(r.statusCode()).isEqualTo(200);
        Matcher m = LINK.matcher(site.mailLog());
        String token = null;
        while (m.find()) {
            token = m.group(1);
        }
        return token;
    }

    private static String setCookie(HttpResponse<String> r, String name) {
        return r.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith(name + "="))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void signs_in_end_to_end_with_the_link_from_a_real_smtp_server() throws Exception {
        int port = greenMail.getSmtp().getPort();
        SmtpMailer mailer = new SmtpMailer(
                new SmtpSettings("127.0.0.1", port, null, null, SmtpSettings.Tls.NONE, "paperboy@localhost"));
        site = TestSite.builder(dir)
                .papers(TestAccounts.papers())
                .mailer(mailer)
                .start();
        TestBrowser b = site.browser();

        b.postForm("/login", Map.of("email", "alice@example.org", "next", "/me"));

        assertThat(greenMail.waitForIncomingEmail(5_000, 1)).isTrue();
        MimeMessage mail = greenMail.getReceivedMessages()[0];
        assertThat(mail.getSubject()).isEqualTo("Your Paperboy sign-in link");
        assertThat(mail.getRecipients(Message.RecipientType.TO))
                .containsExactly(new InternetAddress("alice@example.org"));
        MimeMultipart parts = (MimeMultipart) mail.getContent();
        String text = (String) parts.getBodyPart(0).getContent();
        String html = (String) parts.getBodyPart(1).getContent();
        Matcher link = LINK.matcher(text);
        assertThat(link.find()).isTrue();
        String token = link.group(1);
        assertThat(text).contains("http://localhost:8080/login/confirm?token=" + token);
        assertThat(html).contains("<a href=\"http://localhost:8080/login/confirm?token=" + token + "\">");

        assertThat(b.get("/login/confirm?token=" + token).statusCode()).isEqualTo(200);
        HttpResponse<String> signedIn = b.postForm("/login/confirm", Map.of("token", token));

        assertThat(signedIn.statusCode()).isEqualTo(303);
        assertThat(signedIn.headers().firstValue("Location")).hasValue("/me");
        assertThat(b.get("/me").body()).contains("<dt>E-mail</dt><dd>alice@example.org</dd>");
        mailer.close();
    }

    @Test
    void the_session_cookie_is_http_only_and_same_site_lax_and_not_secure_over_http() {
        start();
        String token = site.site.loginTokens().create("alice@example.org", "/", Duration.ofMinutes(15));

        HttpResponse<String> r = site.browser().postForm("/login/confirm", Map.of("token", token));

        assertThat(setCookie(r, "pb_session"))
                .matches(
                        "pb_session=[A-Za-z0-9_-]{43}; Path=/; Expires=.* GMT; Max-Age=2592000; HttpOnly; SameSite=Lax");
    }

    @Test
    void the_session_cookie_is_secure_when_the_public_address_is_https() {
        site = TestSite.builder(dir)
                .config(PaperboyConfig.BASE_URL, "https://papers.example.org")
                .start();
        String token = site.site.loginTokens().create("alice@example.org", "/", Duration.ofMinutes(15));

        HttpResponse<String> r = TestAccounts.postFormByHand(site, "/login/confirm", Map.of("token", token));

        assertThat(r.statusCode()).isEqualTo(303);
        assertThat(setCookie(r, "pb_session"))
                .matches(
                        "pb_session=[A-Za-z0-9_-]{43}; Path=/; Expires=.* GMT; Max-Age=2592000; Secure; HttpOnly; SameSite=Lax");
    }

    @Test
    void every_account_form_needs_the_csrf_token() {
        start();
        TestBrowser alice = TestAccounts.signedIn(site, "alice@example.org");
        String session = alice.cookie(WebServer.SESSION_COOKIE);
        String token = site.site.loginTokens().create("bob@example.org", "/", Duration.ofMinutes(15));
        Map<String, Map<String, String>> forms = Map.of(
                "/login", Map.of("email", "alice@example.org"),
                "/login/confirm", Map.of("token", token),
                "/logout", Map.of(),
                "/papers/2607.00001/upvote", Map.of("upvote", "true"),
                "/me/token", Map.of(),
                "/me/token/revoke", Map.of());

        forms.forEach((path, fields) -> {
            Map<String, String> forged = new java.util.HashMap<>(fields);
            forged.put("_csrf", "forged");
            HttpResponse<String> r = alice.postForm(path, forged);
            assertThat(r.statusCode()).as(path).isEqualTo(403);
            assertThat(r.body()).as(path).contains("CSRF token missing or wrong");
        });
        HttpResponse<String> json = alice.postJson("/api/papers/2607.00001/upvote", "{\"upvote\":true}");

        assertThat(json.statusCode()).isEqualTo(403);
        assertThat(site.mailLog()).isEmpty();
        assertThat(site.site.sessions().userOf(session)).isPresent();
        assertThat(site.site.loginTokens().redeem(token)).isPresent();
        assertThat(site.site.feedStore().upvotes(List.of("2607.00001"))).containsEntry("2607.00001", 5);
        assertThat(site.site
                        .users()
                        .findByEmail("alice@example.org")
                        .orElseThrow()
                        .hasApiToken())
                .isFalse();
    }

    @Test
    void sign_in_never_redirects_to_another_site() {
        start();
        TestBrowser b = site.browser();
        List<String> attempts = List.of("//evil.example", "https://evil.example", "/\\evil.example");

        for (int i = 0; i < attempts.size(); i++) {
            String token = requestLink(b, "user" + i + "@example.org", attempts.get(i));
            HttpResponse<String> r = b.postForm("/login/confirm", Map.of("token", token));
            assertThat(r.headers().firstValue("Location")).as(attempts.get(i)).hasValue("/");
        }
    }

    @Test
    void a_next_path_is_kept_only_when_it_stays_on_this_site() {
        start();
        TestBrowser b = TestAccounts.signedIn(site, "alice@example.org");
        Map<String, String> expected = new java.util.LinkedHashMap<>();
        expected.put("//evil.example", "/");
        expected.put("https://evil.example", "/");
        expected.put("/\\evil.example", "/");
        expected.put("/\t/evil.example", "/");
        expected.put("/\r\nSet-Cookie: x=1", "/");
        expected.put("javascript:alert(1)", "/");
        expected.put("evil.example", "/");
        expected.put("", "/");
        expected.put("/search?q=dense+retrieval&page=2", "/search?q=dense+retrieval&page=2");
        expected.put("/papers/hep-th/9901001", "/papers/hep-th/9901001");

        expected.forEach((next, location) -> {
            HttpResponse<String> r = b.postForm("/papers/2607.00002/upvote", Map.of("next", next));
            assertThat(r.statusCode()).as(next).isEqualTo(303);
            assertThat(r.headers().firstValue("Location")).as(next).hasValue(location);
        });
    }

    @Test
    void a_stored_next_path_to_another_site_is_not_followed_either() {
        start();
        String token = site.site.loginTokens().create("alice@example.org", "//evil.example", Duration.ofMinutes(15));

        HttpResponse<String> r = site.browser().postForm("/login/confirm", Map.of("token", token));

        assertThat(r.headers().firstValue("Location")).hasValue("/");
    }

    @Test
    void a_sign_in_link_works_once() {
        start();
        TestBrowser b = site.browser();
        String token = requestLink(b, "alice@example.org", "/");

        assertThat(b.postForm("/login/confirm", Map.of("token", token)).statusCode())
                .isEqualTo(303);
        HttpResponse<String> again = site.browser().postForm("/login/confirm", Map.of("token", token));

        assertThat(again.statusCode()).isEqualTo(400);
        assertThat(again.body()).contains("<h1>This sign-in link has expired or was already used</h1>");
    }

    @Test
    void a_sign_in_link_expires_after_fifteen_minutes() {
        start();
        TestBrowser b = site.browser();
        String late = requestLink(b, "late@example.org", "/");
        String onTime = requestLink(b, "ontime@example.org", "/");

        clock.advance(Duration.ofMinutes(15).minusSeconds(1));
        assertThat(b.postForm("/login/confirm", Map.of("token", onTime)).statusCode())
                .isEqualTo(303);
        clock.advance(Duration.ofSeconds(1));
        HttpResponse<String> r = site.browser().postForm("/login/confirm", Map.of("token", late));

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("<h1>This sign-in link has expired or was already used</h1>");
        assertThat(site.site.users().findByEmail("late@example.org")).isEmpty();
    }

    @Test
    void the_store_keeps_a_digest_of_the_mailed_token_not_the_token() {
        start();
        String token = requestLink(site.browser(), "alice@example.org", "/");

        List<String> stored = site.db.withHandle(h -> h.createQuery("SELECT token_hash FROM login_tokens")
                .mapTo(String.class)
                .list());

        assertThat(stored).containsExactly(Secrets.hash(token));
        assertThat(stored.get(0)).isNotEqualTo(token).hasSize(64);
    }

    @Test
    void limits_sign_in_mails_to_three_per_address_in_fifteen_minutes() {
        start();
        TestBrowser b = site.browser();
        for (int i = 0; i < 3; i++) {
            assertThat(b.postForm("/login", Map.of("email", "alice@example.org"))
                            .statusCode())
                    .isEqualTo(200);
        }

        HttpResponse<String> r = b.postForm("/login", Map.of("email", "ALICE@example.org"));

        assertThat(r.statusCode()).isEqualTo(429);
        assertThat(r.headers().firstValue("Retry-After")).hasValue("300");
        assertThat(r.body())
                .contains(
                        "<h1>429 · Too Many Requests</h1>",
                        "<p>too many sign-in e-mails sent to this address; try again in 5 minutes</p>");
        assertThat(site.mailLog().split("mail to ", -1)).hasSize(4);
    }

    @Test
    void limits_sign_in_mails_to_five_per_ip_address_in_fifteen_minutes() {
        start();
        TestBrowser b = site.browser();
        for (int i = 0; i < 5; i++) {
            assertThat(b.postForm("/login", Map.of("email", "user" + i + "@example.org"))
                            .statusCode())
                    .isEqualTo(200);
        }

        HttpResponse<String> refused = b.postForm("/login", Map.of("email", "user5@example.org"));
        clock.advance(Duration.ofMinutes(3));
        HttpResponse<String> later = b.postForm("/login", Map.of("email", "user5@example.org"));

        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Retry-After")).hasValue("180");
        assertThat(refused.body())
                .contains("<p>too many sign-in e-mails requested from your network; try again in 3 minutes</p>");
        assertThat(later.statusCode()).isEqualTo(200);
    }

    @Test
    void sql_and_markup_in_the_email_field_are_inert() {
        start();
        TestBrowser b = site.browser();

        HttpResponse<String> injection = b.postForm("/login", Map.of("email", "' OR '1'='1' --"));
        HttpResponse<String> markup = b.postForm("/login", Map.of("email", "\"><script>alert(1)</script>@example.org"));
        HttpResponse<String> quoted = b.postForm("/login", Map.of("email", "o'brien'--@example.org"));

        assertThat(injection.statusCode()).isEqualTo(400);
        assertThat(injection.body()).contains("value=\"&#39; OR &#39;1&#39;=&#39;1&#39; --\"");
        assertThat(markup.statusCode()).isEqualTo(400);
        assertThat(markup.body())
                .doesNotContain("<script>alert(1)</script>")
                .contains("value=\"&#34;>&lt;script>alert(1)&lt;/script>@example.org\"");
        assertThat(quoted.statusCode()).isEqualTo(200);
        String token = requestLink(b, "o'brien'--@example.org", "/");
        b.postForm("/login/confirm", Map.of("token", token));
        assertThat(site.site.users().count()).isEqualTo(1);
        assertThat(site.site.users().findByEmail("o'brien'--@example.org")).isPresent();
    }
}
