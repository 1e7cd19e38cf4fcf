package org.paperboy.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperboy.feed.FeedOrder;
import org.paperboy.feed.FeedPage;
import org.paperboy.feed.Period;

class VoteRoutesIT {

    @TempDir
    Path dir;

    TestSite site;

    @BeforeEach
    void start() {
        site = TestSite.builder(dir).papers(TestAccounts.papers()).start();
    }

    @AfterEach
    void stop() {
        site.close();
    }

    private long userId(String email) {
        return site.site.users().findByEmail(email).orElseThrow().id();
    }

    private int upvotes(String id) {
        return site.site.feedStore().upvotes(java.util.List.of(id)).get(id);
    }

    private static String problem(int status, String title, String detail) {
        return "{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status + ",\"detail\":\"" + detail
                + "\"}";
    }

    @Test
    void upvotes_through_the_form_and_goes_back_to_the_page() {
        TestBrowser b = TestAccounts.signedIn(site, "alice@example.org");

        HttpResponse<String> r =
                b.postForm("/papers/2607.00001/upvote", Map.of("upvote", "true", "next", "/date/2026-07-01?page=1"));

        assertThat(r.statusCode()).isEqualTo(303);
        assertThat(r.headers().firstValue("Location")).hasValue("/date/2026-07-01?page=1");
        assertThat(site.site.votes().has(userId("alice@example.org"), "2607.00001"))
                .isTrue();
        assertThat(upvotes("2607.00001")).isEqualTo(6);
    }

    @Test
    void takes_an_upvote_back_through_the_form() {
        TestBrowser b = TestAccounts.signedIn(site, "alice@example.org");
        b.postForm("/papers/2607.00001/upvote", Map.of("upvote", "true", "next", "/"));

        HttpResponse<String> r = b.postForm("/papers/2607.00001/upvote", Map.of("upvote", "false", "next", "/"));

        assertThat(r.statusCode()).isEqualTo(303);
        assertThat(site.site.votes().has(userId("alice@example.org"), "2607.00001"))
                .isFalse();
        assertThat(upvotes("2607.00001")).isEqualTo(5);
    }

    @Test
    void sends_an_anonymous_voter_to_sign_in_and_back_to_the_page() {
        HttpResponse<String> r = site.browser()
                .postForm("/papers/2607.00001/upvote", Map.of("upvote", "true", "next", "/papers/2607.00001"));

        assertThat(r.statusCode()).isEqualTo(303);
        assertThat(r.headers().firstValue("Location")).hasValue("/login?next=%2Fpapers%2F2607.00001");
        assertThat(upvotes("2607.00001")).isEqualTo(5);
    }

    @Test
    void a_form_vote_never_redirects_to_another_site() {
        TestBrowser b = TestAccounts.signedIn(site, "alice@example.org");

        HttpResponse<String> r =
                b.postForm("/papers/2607.00001/upvote", Map.of("upvote", "true", "next", "https://evil.example/"));

        assertThat(r.headers().firstValue("Location")).hasValue("/");
    }

    @Test
    void upvotes_a_paper_with_an_old_style_id_by_form_and_by_json() {
        TestBrowser b = TestAccounts.signedIn(site, "alice@example.org");

        HttpResponse<String> form = b.postForm("/papers/hep-th/9901001/upvote", Map.of("upvote", "true", "next", "/"));
        assertThat(form.statusCode()).isEqualTo(303);
        assertThat(upvotes("hep-th/9901001")).isEqualTo(3);

        HttpResponse<String> json =
                b.postJson("/api/papers/hep-th/9901001/upvote", "{\"upvote\":false}", "X-CSRF-Token", b.csrf());
        assertThat(json.statusCode()).isEqualTo(200);
        assertThat(json.body()).isEqualTo("{\"id\":\"hep-th/9901001\",\"upvotes\":2,\"upvoted\":false}");
    }

    @Test
    void upvotes_by_json_with_the_session_and_the_csrf_header() {
        TestBrowser b = TestAccounts.signedIn(site, "alice@example.org");

        HttpResponse<String> r =
                b.postJson("/api/papers/2607.00001/upvote", "{\"upvote\": true}", "X-CSRF-Token", b.csrf());

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(r.body()).isEqualTo("{\"id\":\"2607.00001\",\"upvotes\":6,\"upvoted\":true}");
    }

    @Test
    void a_json_call_without_a_body_toggles_the_vote() {
        TestBrowser b = TestAccounts.signedIn(site, "alice@example.org");

        HttpResponse<String> on = b.postJson("/api/papers/2607.00002/upvote", "", "X-CSRF-Token", b.csrf());
        HttpResponse<String> off = b.postJson("/api/papers/2607.00002/upvote", "", "X-CSRF-Token", b.csrf());

        assertThat(on.body()).isEqualTo("{\"id\":\"2607.00002\",\"upvotes\":1,\"upvoted\":true}");
        assertThat(off.body()).isEqualTo("{\"id\":\"2607.00002\",\"upvotes\":0,\"upvoted\":false}");
    }

    @Test
    void a_json_body_without_upvote_is_a_400_not_a_toggle() {
        TestBrowser b = TestAccounts.signedIn(site, "alice@example.org");

        HttpResponse<String> empty = b.postJson("/api/papers/2607.00002/upvote", "{}", "X-CSRF-Token", b.csrf());
        HttpResponse<String> nul =
                b.postJson("/api/papers/2607.00002/upvote", "{\"upvote\":null}", "X-CSRF-Token", b.csrf());

        assertThat(empty.statusCode()).isEqualTo(nul.statusCode()).isEqualTo(400);
        assertThat(empty.body())
                .isEqualTo("{\"type\":\"about:blank\",\"title\":\"Bad Request\",\"status\":400,\"detail\":"
                        + "\"upvote: is missing; send {\\\"upvote\\\": true} or {\\\"upvote\\\": false}, or no body to "
                        + "toggle\",\"errors\":[{\"field\":\"upvote\",\"value\":null,\"reason\":\"is missing; send "
                        + "{\\\"upvote\\\": true} or {\\\"upvote\\\": false}, or no body to toggle\"}]}");
        assertThat(upvotes("2607.00002")).isZero();
    }

    @Test
    void upvotes_by_json_with_an_api_token_and_refuses_a_revoked_one() {
        site.site.users().signIn("bot@example.org");
        String token = site.site.users().newApiToken(userId("bot@example.org"));
        TestBrowser script = site.browser();

        HttpResponse<String> ok = script.postJson(
                "/api/papers/2607.00001/upvote", "{\"upvote\":true}", "Authorization", "Bearer " + token);
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.body()).isEqualTo("{\"id\":\"2607.00001\",\"upvotes\":6,\"upvoted\":true}");

        site.site.users().revokeApiToken(userId("bot@example.org"));
        HttpResponse<String> refused = script.postJson(
                "/api/papers/2607.00001/upvote", "{\"upvote\":false}", "Authorization", "Bearer " + token);
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.body())
                .isEqualTo(problem(
                        401,
                        "Unauthorized",
                        "the API token is not valid; create a new one at /me (it may have been replaced or revoked)"));
        assertThat(upvotes("2607.00001")).isEqualTo(6);
    }

    @Test
    void refuses_an_anonymous_json_vote_with_401_problem_json() {
        HttpResponse<String> r = site.browser().postJson("/api/papers/2607.00001/upvote", "{\"upvote\":true}");

        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(r.body())
                .isEqualTo(problem(
                        401,
                        "Unauthorized",
                        "sign in first (/login), or send an API token from /me as 'Authorization: Bearer TOKEN'"));
    }

    @Test
    void answers_404_for_an_unknown_or_hidden_paper() {
        TestBrowser b = TestAccounts.signedIn(site, "alice@example.org");
        site.site.feedStore().setHidden("2607.00002", true);

        HttpResponse<String> unknown = b.postJson("/api/papers/2607.99999/upvote", "", "X-CSRF-Token", b.csrf());
        HttpResponse<String> hidden = b.postJson("/api/papers/2607.00002/upvote", "", "X-CSRF-Token", b.csrf());
        HttpResponse<String> garbage = b.postJson("/api/papers/not-an-id/upvote", "", "X-CSRF-Token", b.csrf());
        HttpResponse<String> form = b.postForm("/papers/2607.00002/upvote", Map.of("upvote", "true", "next", "/"));

        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).isEqualTo(problem(404, "Not Found", "there is no paper 2607.99999"));
        assertThat(hidden.body()).isEqualTo(problem(404, "Not Found", "there is no paper 2607.00002"));
        assertThat(garbage.body()).isEqualTo(problem(404, "Not Found", "there is no paper not-an-id"));
        assertThat(form.statusCode()).isEqualTo(404);
        assertThat(form.body()).contains("<h1>404 · Not Found</h1>", "<p>there is no paper 2607.00002</p>");
    }

    @Test
    void refuses_a_body_that_is_not_json_or_an_upvote_that_is_not_a_boolean() {
        TestBrowser b = TestAccounts.signedIn(site, "alice@example.org");

        HttpResponse<String> notJson = b.postJson("/api/papers/2607.00001/upvote", "{upvote", "X-CSRF-Token", b.csrf());
        HttpResponse<String> notBoolean =
                b.postJson("/api/papers/2607.00001/upvote", "{\"upvote\":\"yes\"}", "X-CSRF-Token", b.csrf());
        HttpResponse<String> form = b.postForm("/papers/2607.00001/upvote", Map.of("upvote", "maybe", "next", "/"));

        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(notJson.body())
                .isEqualTo(
                        problem(
                                400,
                                "Bad Request",
                                "the body is not JSON; send {\\\"upvote\\\": true} or {\\\"upvote\\\": false}, or no body to toggle"));
        assertThat(notBoolean.statusCode()).isEqualTo(400);
        assertThat(notBoolean.body())
                .isEqualTo(
                        "{\"type\":\"about:blank\",\"title\":\"Bad Request\",\"status\":400,"
                                + "\"detail\":\"upvote: must be true or false\","
                                + "\"errors\":[{\"field\":\"upvote\",\"value\":\"\\\"yes\\\"\",\"reason\":\"must be true or false\"}]}");
        assertThat(form.statusCode()).isEqualTo(400);
        assertThat(form.body()).contains("<p>upvote: must be true or false</p>");
        assertThat(upvotes("2607.00001")).isEqualTo(5);
    }

    @Test
    void a_vote_shows_at_once_in_the_cached_feed() {
        FeedPage before = site.site.feed().page(Period.day(TestAccounts.DAY), FeedOrder.UPVOTES, 1, 10);
        assertThat(before.items().get(0).upvotes()).isEqualTo(5);
        TestBrowser b = TestAccounts.signedIn(site, "alice@example.org");

        b.postJson("/api/papers/2607.00001/upvote", "{\"upvote\":true}", "X-CSRF-Token", b.csrf());

        FeedPage after = site.site.feed().page(Period.day(TestAccounts.DAY), FeedOrder.UPVOTES, 1, 10);
        assertThat(after.items().get(0).upvotes()).isEqualTo(6);
    }

    @Test
    void limits_an_account_to_60_votes_a_minute() {
        TestBrowser b = TestAccounts.signedIn(site, "alice@example.org");
        for (int i = 0; i < 60; i++) {
            HttpResponse<String> r = b.postJson("/api/papers/2607.00001/upvote", "", "X-CSRF-Token", b.csrf());
            assertThat(r.statusCode()).isEqualTo(200);
        }

        HttpResponse<String> r = b.postJson("/api/papers/2607.00001/upvote", "", "X-CSRF-Token", b.csrf());

        assertThat(r.statusCode()).isEqualTo(429);
        assertThat(r.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(r.body())
                .isEqualTo(
                        problem(429, "Too Many Requests", "too many votes from your account; try again in 1 second"));
    }

    @Test
    void limits_one_ip_address_to_120_votes_a_minute_across_accounts() {
        for (String email : new String[] {"a@example.org", "b@example.org"}) {
            TestBrowser b = TestAccounts.signedIn(site, email);
            for (int i = 0; i < 60; i++) {
                assertThat(b.postForm("/papers/2607.00002/upvote", Map.of("next", "/"))
                                .statusCode())
                        .isEqualTo(303);
            }
        }
        TestBrowser third = TestAccounts.signedIn(site, "c@example.org");

        HttpResponse<String> r = third.postForm("/papers/2607.00002/upvote", Map.of("next", "/"));

        assertThat(r.statusCode()).isEqualTo(429);
        assertThat(r.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(r.body()).contains("<p>too many votes from your network; try again in 1 second</p>");
    }
}
