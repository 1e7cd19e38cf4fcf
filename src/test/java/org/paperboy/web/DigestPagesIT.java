package org.paperboy.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperboy.digest.DigestLinks.Purpose;
import org.paperboy.digest.DigestRun;
import org.paperboy.digest.DigestSender;
import org.paperboy.store.Subscription;
import org.paperboy.store.Subscription.Frequency;
import org.paperboy.store.Subscription.Settings;

/** {@code /digest/preview}: the next digest in the browser, by session or by signed link. */
class DigestPagesIT {

    @TempDir
    Path dir;

    TestSite site;

    @BeforeEach
    void start() {
        site = TestSite.builder(dir).papers(SubscribePagesIT.PAPERS).start();
    }

    @AfterEach
    void stop() {
        site.close();
    }

    private Subscription subscribe(String email, List<String> categories) {
        return site.digests
                .subscriptionStore()
                .activate(new Settings(email, Frequency.DAILY, false, categories, List.of()));
    }

    private String session(String email) {
        long id = site.site.users().signIn(email).id();
        return "pb_session=" + site.site.sessions().create(id, Duration.ofDays(1));
    }

    @Test
    void shows_the_signed_in_subscriber_the_next_digest_as_the_mail_shows_it() {
        subscribe("alice@example.org", List.of("cs.IR"));

        HttpResponse<String> r = site.browser().get("/digest/preview", "Cookie", session("alice@example.org"));

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Security-Policy")).hasValue(DigestPages.PREVIEW_CSP);
        assertThat(r.body())
                .startsWith("<!DOCTYPE html>")
                .contains("<title>Paperboy daily &#183; Wednesday, July 1, 2026 &#183; 1 new paper</title>")
                .contains("href=\"http://localhost:8080/papers/2607.00001\"")
                .doesNotContain("hep-th/9901001");
    }

    @Test
    void shows_the_digest_of_a_preview_link_without_sign_in_also_as_plain_text() {
        Subscription bob = subscribe("bob@example.org", List.of("hep-th"));
        String token = site.digests.links().token(Purpose.PREVIEW, bob.id());

        HttpResponse<String> r = site.browser().get("/digest/preview?format=text&token=" + token);

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("text/plain;charset=utf-8");
        assertThat(r.body())
                .startsWith("Paperboy - your daily digest\nWednesday, July 1, 2026\n")
                .contains("\n1 new in hep-th\n")
                .contains("String Dualities\nhttp://localhost:8080/papers/hep-th/9901001\nAlan Turing\n");
    }

    @Test
    void refuses_an_unsubscribe_token_as_a_preview_link() {
        Subscription bob = subscribe("bob@example.org", List.of("hep-th"));
        String token = site.digests.links().token(Purpose.UNSUBSCRIBE, bob.id());

        HttpResponse<String> r = site.browser().get("/digest/preview?token=" + token);

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("<p>token: is not a valid preview link; use the link of a digest</p>");
    }

    @Test
    void asks_an_anonymous_visitor_to_sign_in_and_a_visitor_without_a_subscription_to_subscribe() {
        HttpResponse<String> anonymous = site.browser().get("/digest/preview");
        HttpResponse<String> none = site.browser().get("/digest/preview", "Cookie", session("carol@example.org"));

        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.body()).contains("<p>sign in, or open the preview link of one of your digests</p>");
        assertThat(none.statusCode()).isEqualTo(404);
        assertThat(none.body()).contains("<p>you have no digest subscription yet; subscribe at /subscribe</p>");
    }

    @Test
    void says_so_when_everything_new_was_sent_already() throws Exception {
        subscribe("alice@example.org", List.of("cs.IR"));
        site.digests.sender().run(DigestRun.forDate(SubscribePagesIT.DAY), DigestSender.Listener.NONE);

        HttpResponse<String> r = site.browser().get("/digest/preview", "Cookie", session("alice@example.org"));

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body())
                .contains("<h1>Nothing new yet</h1>")
                .contains("<p>Your next daily digest (Wednesday, July 1, 2026) has no papers you have not been sent "
                        + "already.</p>");
    }

    @Test
    void refuses_an_unknown_format() {
        HttpResponse<String> r = site.browser().get("/digest/preview?format=pdf");

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("<p>format: is not html or text</p>");
    }
}
