package org.paperboy.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.paperboy.digest.DigestRun;
import org.paperboy.digest.DigestSender;
import org.paperboy.mail.SmtpMailer;
import org.paperboy.mail.SmtpSettings;
import org.paperboy.paper.Author;
import org.paperboy.paper.Paper;
import org.paperboy.store.Subscription;
import org.paperboy.store.Subscription.Frequency;
import org.paperboy.store.Subscription.Settings;
import org.paperboy.store.Subscription.Status;

/** Subscribing with double opt-in and unsubscribing, over HTTP, with GreenMail as the mail server. */
class SubscribePagesIT {

    @RegisterExtension
    final GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    static final LocalDate DAY = LocalDate.of(2026, 7, 1);
    static final List<Paper> PAPERS = List.of(
            Paper.builder("2607.00001")
                    .title("Learned Sparse Retrieval")
                    .abstractText("Sparse lexical representations learned by a transformer.")
                    .authors(List.of(new Author("Ada Lovelace")))
                    .categories(List.of("cs.IR"))
                    .listedOn(DAY)
                    .upvotes(7)
                    .build(),
            Paper.builder("hep-th/9901001")
                    .title("String Dualities")
                    .abstractText("Black hole entropy from string theory.")
                    .authors(List.of(new Author("Alan Turing")))
                    .categories(List.of("hep-th"))
                    .listedOn(DAY)
                    .upvotes(3)
                    .build());

    @TempDir
    Path dir;

    SmtpMailer smtp;
    TestSite site;

    @BeforeEach
    void start() {
        smtp = new SmtpMailer(new SmtpSettings(
                "127.0.0.1", greenMail.getSmtp().getPort(), null, null, SmtpSettings.Tls.NONE, "papers@paperboy.test"));
        site = TestSite.builder(dir).papers(PAPERS).mailer(smtp).start();
    }

    @AfterEach
    void stop() {
        site.close();
        smtp.close();
    }

    private HttpResponse<String> subscribe(String json) {
        return site.browser().postJson("/api/subscriptions", json);
    }

    private String sendDigests() throws InterruptedException {
        return site.digests
                .sender()
                .run(DigestRun.forDate(DAY), DigestSender.Listener.NONE)
                .line();
    }

    private static String confirmPath(MimeMessage m) {
        Matcher link = Pattern.compile("http://localhost:8080(/subscribe/confirm\\?token=[A-Za-z0-9_-]{43})")
                .matcher(GreenMailUtil.getBody(m));
        assertThat(link.find())
                .as("a confirmation link in: " + GreenMailUtil.getBody(m))
                .isTrue();
        return link.group(1);
    }

    /** Follows a confirmation link as a person does: opens the page, then presses its button. */
    private HttpResponse<String> confirm(String path) {
        TestBrowser b = site.browser();
        HttpResponse<String> page = b.get(path);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<form method=\"post\" action=\"/subscribe/confirm\">");
        return b.postForm("/subscribe/confirm", Map.of("token", path.substring(path.indexOf("token=") + 6)));
    }

    private Subscription active(String email) {
        return site.digests
                .subscriptionStore()
                .activate(new Settings(email, Frequency.DAILY, true, List.of(), List.of()));
    }

    @Test
    void mails_one_confirmation_link_and_nothing_else_until_it_is_followed() throws Exception {
        HttpResponse<String> r =
                subscribe("{\"email\":\"Alice@Example.org\",\"frequency\":\"daily\",\"categories\":[\"cs.IR\"],"
                        + "\"alerts\":[{\"query\":\"sparse retrieval\",\"category\":\"cs.IR\"}]}");

        assertThat(r.statusCode()).isEqualTo(202);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(r.body()).isEqualTo(SubscribePages.ACCEPTED);
        MimeMessage[] mail = greenMail.getReceivedMessagesForDomain("alice@example.org");
        assertThat(mail).hasSize(1);
        assertThat(mail[0].getSubject()).isEqualTo("Confirm your Paperboy digest");
        assertThat(GreenMailUtil.getBody(mail[0]))
                .contains("the Paperboy daily digest at alice@example.org, with:")
                .contains("- papers matching \"sparse retrieval\" in cs.IR");
        assertThat(sendDigests()).isEqualTo("planned=0 sent=0 skipped=0 failed=0 resumed=0 in_doubt=0");

        HttpResponse<String> confirmed = confirm(confirmPath(mail[0]));

        assertThat(confirmed.statusCode()).isEqualTo(200);
        assertThat(confirmed.body())
                .contains("<h1>Your digest is on</h1>")
                .contains("<p>The daily digest will be sent to alice@example.org.</p>");
        assertThat(sendDigests()).isEqualTo("planned=1 sent=1 skipped=0 failed=0 resumed=0 in_doubt=0");
        assertThat(greenMail.getReceivedMessagesForDomain("alice@example.org")).hasSize(2);
    }

    @Test
    void a_confirmation_link_works_once() {
        subscribe("{\"email\":\"alice@example.org\"}");
        String path = confirmPath(greenMail.getReceivedMessages()[0]);

        assertThat(confirm(path).statusCode()).isEqualTo(200);
        HttpResponse<String> again = confirm(path);

        assertThat(again.statusCode()).isEqualTo(400);
        assertThat(again.body())
                .contains("<p>this confirmation link is unknown, was used already, was replaced by a newer one or has "
                        + "expired (links work for 7 days); subscribe again at /subscribe</p>");
    }

    @Test
    void opening_a_confirmation_link_changes_nothing_until_the_button_is_pressed() {
        subscribe("{\"email\":\"alice@example.org\"}");
        String path = confirmPath(greenMail.getReceivedMessages()[0]);

        HttpResponse<String> scanned = site.browser().get(path);
        HttpResponse<String> again = site.browser().get(path);

        assertThat(scanned.statusCode()).isEqualTo(again.statusCode()).isEqualTo(200);
        assertThat(scanned.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(site.site.subscriptions().findByEmail("alice@example.org")).isEmpty();
        assertThat(confirm(path).body()).contains("<h1>Your digest is on</h1>");
    }

    @Test
    void only_the_newest_confirmation_link_of_an_address_works() {
        subscribe("{\"email\":\"alice@example.org\",\"frequency\":\"daily\"}");
        subscribe("{\"email\":\"alice@example.org\",\"frequency\":\"weekly\"}");
        MimeMessage[] mail = greenMail.getReceivedMessagesForDomain("alice@example.org");
        String older = confirmPath(mail[0]);
        String newer = confirmPath(mail[1]);

        assertThat(confirm(older).statusCode()).isEqualTo(400);
        assertThat(confirm(newer).body()).contains("<p>The weekly digest will be sent to alice@example.org.</p>");
    }

    @Test
    void a_newer_link_voids_the_older_ones_and_a_used_link_stays_used() {
        subscribe("{\"email\":\"alice@example.org\",\"frequency\":\"weekly\"}");
        String weekly = confirmPath(greenMail.getReceivedMessages()[0]);
        // The address is confirmed another way (signed in), then an old link turns up.
        site.site
                .subscriptions()
                .subscribeOwnAddress(new Settings("alice@example.org", Frequency.WEEKLY, true, List.of(), List.of()));
        subscribe("{\"email\":\"alice@example.org\",\"frequency\":\"daily\"}");
        String daily = confirmPath(greenMail.getReceivedMessagesForDomain("alice@example.org")[1]);

        assertThat(confirm(weekly).statusCode()).isEqualTo(400);
        assertThat(confirm(daily).statusCode()).isEqualTo(200);
        assertThat(confirm(daily).statusCode()).isEqualTo(400);
        subscribe("{\"email\":\"alice@example.org\",\"frequency\":\"weekly\"}");
        assertThat(site.site
                        .subscriptions()
                        .findByEmail("alice@example.org")
                        .orElseThrow()
                        .settings()
                        .frequency())
                .isEqualTo(Frequency.DAILY);
    }

    @Test
    void an_unsubscribed_address_needs_a_fresh_request_to_come_back() {
        subscribe("{\"email\":\"alice@example.org\"}");
        subscribe("{\"email\":\"alice@example.org\"}");
        MimeMessage[] mail = greenMail.getReceivedMessagesForDomain("alice@example.org");
        // A person confirms with the newest link; an unused older one would have been voided too.
        assertThat(confirm(confirmPath(mail[1])).statusCode()).isEqualTo(200);
        Subscription s =
                site.site.subscriptions().findByEmail("alice@example.org").orElseThrow();
        subscribe("{\"email\":\"alice@example.org\"}");
        String pending = confirmPath(greenMail.getReceivedMessagesForDomain("alice@example.org")[2]);

        site.site.subscriptions().unsubscribe(s.id());

        assertThat(confirm(pending).statusCode()).isEqualTo(400);
        assertThat(site.site
                        .subscriptions()
                        .findByEmail("alice@example.org")
                        .orElseThrow()
                        .active())
                .isFalse();
    }

    @Test
    void answers_the_same_whether_or_not_the_address_is_subscribed() {
        active("alice@example.org");

        HttpResponse<String> known = subscribe("{\"email\":\"alice@example.org\"}");
        HttpResponse<String> unknown = subscribe("{\"email\":\"bob@example.org\"}");

        assertThat(known.statusCode()).isEqualTo(unknown.statusCode()).isEqualTo(202);
        assertThat(known.body()).isEqualTo(unknown.body()).isEqualTo(SubscribePages.ACCEPTED);
    }

    @Test
    void refuses_an_invalid_subscription_listing_every_field_error() {
        HttpResponse<String> r = subscribe("{\"email\":\"nobody\",\"frequency\":\"hourly\",\"categories\":[\"cs IR\"],"
                + "\"alerts\":[{\"query\":\"\"}]}");

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(r.body())
                .isEqualTo("{\"type\":\"about:blank\",\"title\":\"Bad Request\",\"status\":400,"
                        + "\"detail\":\"4 fields are invalid: email, frequency, categories[0], alerts[0].query\","
                        + "\"errors\":[{\"field\":\"email\",\"value\":\"nobody\",\"reason\":\"is not an e-mail address "
                        + "like alice@example.org\"},{\"field\":\"frequency\",\"value\":\"hourly\",\"reason\":\"is not "
                        + "daily or weekly\"},{\"field\":\"categories[0]\",\"value\":\"cs IR\",\"reason\":\"is not an "
                        + "arXiv category like cs.IR or hep-th\"},{\"field\":\"alerts[0].query\",\"value\":\"\","
                        + "\"reason\":\"is required\"}]}");
        assertThat(greenMail.getReceivedMessages()).isEmpty();
    }

    @Test
    void refuses_a_body_that_is_not_a_json_object_or_has_fields_of_the_wrong_type() {
        HttpResponse<String> notJson = subscribe("email=alice@example.org");
        HttpResponse<String> wrongTypes = subscribe("{\"email\":42,\"categories\":\"cs.IR\",\"trending\":\"yes\"}");

        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(notJson.body())
                .isEqualTo("{\"type\":\"about:blank\",\"title\":\"Bad Request\",\"status\":400,\"detail\":\"the body "
                        + "is not JSON; send an object like {\\\"email\\\":\\\"alice@example.org\\\",\\\"frequency\\\":"
                        + "\\\"daily\\\",\\\"categories\\\":[\\\"cs.IR\\\"]}\"}");
        assertThat(wrongTypes.statusCode()).isEqualTo(400);
        assertThat(wrongTypes.body())
                .contains("\"detail\":\"3 fields are invalid\"")
                .contains("{\"field\":\"email\",\"value\":\"42\",\"reason\":\"must be a string\"}")
                .contains("{\"field\":\"trending\",\"value\":\"\\\"yes\\\"\",\"reason\":\"must be true or false\"}")
                .contains("{\"field\":\"categories\",\"value\":\"\\\"cs.IR\\\"\",\"reason\":\"must be an array of "
                        + "category names like [\\\"cs.IR\\\"]\"}");
    }

    @Test
    void mails_an_address_at_most_three_confirmations_a_day_without_saying_so() {
        for (int i = 0; i < 4; i++) {
            assertThat(subscribe("{\"email\":\"alice@example.org\"}").body()).isEqualTo(SubscribePages.ACCEPTED);
        }

        assertThat(greenMail.getReceivedMessagesForDomain("alice@example.org")).hasSize(3);
    }

    @Test
    void answers_too_many_requests_from_one_ip_with_429_and_retry_after() {
        for (int i = 0; i < SubscribePages.REQUESTS_PER_IP_AND_HOUR; i++) {
            assertThat(subscribe("{\"email\":\"reader" + i + "@example.org\"}").statusCode())
                    .isEqualTo(202);
        }

        HttpResponse<String> r = subscribe("{\"email\":\"one-more@example.org\"}");

        assertThat(r.statusCode()).isEqualTo(429);
        // A token bucket: one more request each 6 minutes once the 10 are used.
        assertThat(r.headers().firstValue("Retry-After")).hasValue("360");
        assertThat(r.body())
                .contains("\"detail\":\"too many subscription requests from your network; try again in 6 minutes\"");
    }

    @Test
    void unsubscribes_with_one_click_post_without_cookies_or_sign_in() throws Exception {
        Subscription alice = active("alice@example.org");
        assertThat(sendDigests()).isEqualTo("planned=1 sent=1 skipped=0 failed=0 resumed=0 in_doubt=0");
        String header = greenMail.getReceivedMessages()[0].getHeader("List-Unsubscribe", null);
        String url = header.substring(1, header.indexOf('>')).replace("http://localhost:8080", site.base.toString());

        HttpResponse<String> r = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(url))
                                .header("Content-Type", "application/x-www-form-urlencoded")
                                .POST(HttpRequest.BodyPublishers.ofString("List-Unsubscribe=One-Click"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("{\"status\":\"unsubscribed\"}");
        assertThat(site.digests
                        .subscriptionStore()
                        .find(alice.id())
                        .orElseThrow()
                        .status())
                .isEqualTo(Status.UNSUBSCRIBED);
        assertThat(site.digests
                        .sender()
                        .run(DigestRun.forDate(DAY.plusDays(1)), DigestSender.Listener.NONE)
                        .line())
                .isEqualTo("planned=0 sent=0 skipped=0 failed=0 resumed=0 in_doubt=0");
    }

    @Test
    void refuses_a_forged_unsubscribe_token() {
        Subscription alice = active("alice@example.org");

        HttpResponse<String> r = site.browser().postJson("/api/unsubscribe?token=" + alice.id() + ".forged", "");

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body())
                .isEqualTo("{\"type\":\"about:blank\",\"title\":\"Bad Request\",\"status\":400,\"detail\":\"token: "
                        + "is not a valid unsubscribe link; use the link of a digest\",\"errors\":[{\"field\":"
                        + "\"token\",\"value\":\"" + alice.id() + ".forged\",\"reason\":\"is not a valid unsubscribe "
                        + "link; use the link of a digest\"}]}");
        assertThat(site.digests
                        .subscriptionStore()
                        .find(alice.id())
                        .orElseThrow()
                        .status())
                .isEqualTo(Status.ACTIVE);
    }

    @Test
    void the_unsubscribe_link_of_a_digest_asks_first_then_unsubscribes_with_the_form() {
        Subscription alice = active("alice@example.org");
        String path = site.digests.links().unsubscribeUrl(alice.id()).replace("http://localhost:8080", "");
        TestBrowser b = site.browser();

        HttpResponse<String> page = b.get(path);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<p>Stop the daily Paperboy digest to alice@example.org?</p>");
        String token = path.substring(path.indexOf("token=") + 6);
        HttpResponse<String> done = b.postForm("/unsubscribe", Map.of("token", token));

        assertThat(done.statusCode()).isEqualTo(200);
        assertThat(done.body())
                .contains("<h1>You are unsubscribed</h1>", "No more digests will be sent to alice@example.org.");
        assertThat(site.digests
                        .subscriptionStore()
                        .find(alice.id())
                        .orElseThrow()
                        .status())
                .isEqualTo(Status.UNSUBSCRIBED);
    }

    @Test
    void the_form_subscribes_by_mail_and_shows_every_problem_keeping_what_was_typed() {
        TestBrowser b = site.browser();
        assertThat(b.get("/subscribe").body())
                .contains("<form class=\"subscribe\" method=\"post\" action=\"/subscribe\">");

        HttpResponse<String> bad = b.postForm(
                "/subscribe",
                Map.of("email", "alice@", "frequency", "weekly", "categories", "cs.IR, <b>", "alert_query", "graphs"));
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body())
                .contains("<li><strong>email</strong>: is not an e-mail address like alice@example.org</li>")
                .contains("<li><strong>categories</strong>: is not an arXiv category like cs.IR or hep-th</li>")
                .contains("value=\"cs.IR, &lt;b>\"")
                .contains("value=\"graphs\"")
                .doesNotContain("<b>");
        assertThat(greenMail.getReceivedMessages()).isEmpty();

        HttpResponse<String> ok = b.postForm(
                "/subscribe",
                Map.of(
                        "email",
                        "alice@example.org",
                        "frequency",
                        "weekly",
                        "trending",
                        "1",
                        "categories",
                        "cs.IR hep-th"));
        assertThat(ok.statusCode()).isEqualTo(303);
        assertThat(ok.headers().firstValue("Location")).hasValue("/subscribe/sent");
        assertThat(GreenMailUtil.getBody(greenMail.getReceivedMessages()[0]))
                .contains("the Paperboy weekly digest at alice@example.org, with:")
                .contains("- new papers in cs.IR, hep-th");
    }

    @Test
    void subscribes_a_signed_in_visitor_to_their_own_address_at_once_and_others_by_mail() {
        long user = site.site.users().signIn("alice@example.org").id();
        String csrf = org.paperboy.store.Secrets.newToken();
        String cookies =
                "pb_session=" + site.site.sessions().create(user, java.time.Duration.ofDays(1)) + "; pb_csrf=" + csrf;

        HttpResponse<String> own = site.browser()
                .postJson(
                        "/api/subscriptions",
                        "{\"email\":\"alice@example.org\",\"frequency\":\"weekly\"}",
                        "Cookie",
                        cookies,
                        "X-CSRF-Token",
                        csrf);
        HttpResponse<String> other = site.browser()
                .postJson(
                        "/api/subscriptions",
                        "{\"email\":\"bob@example.org\"}",
                        "Cookie",
                        cookies,
                        "X-CSRF-Token",
                        csrf);

        assertThat(own.statusCode()).isEqualTo(other.statusCode()).isEqualTo(202);
        assertThat(own.body()).isEqualTo(other.body()).isEqualTo(SubscribePages.ACCEPTED);
        assertThat(site.digests
                        .subscriptionStore()
                        .findByEmail("alice@example.org")
                        .orElseThrow()
                        .settings()
                        .frequency())
                .isEqualTo(Frequency.WEEKLY);
        assertThat(greenMail.getReceivedMessagesForDomain("alice@example.org")).isEmpty();
        assertThat(greenMail.getReceivedMessagesForDomain("bob@example.org")).hasSize(1);
        assertThat(site.digests.subscriptionStore().findByEmail("bob@example.org"))
                .isEmpty();
    }
}
