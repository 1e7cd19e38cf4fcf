package org.paperboy.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperboy.config.PaperboyConfig;

/**
 * Who may do what (issue 11): exactly one means of authentication per request, one address rule
 * for sign-in and subscriptions, the client address behind a trusted proxy, development mode only
 * on loopback, hidden papers left out inside the search, and the paper as Markdown.
 */
class AccessIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    TestSite site;

    @AfterEach
    void stop() {
        if (site != null) {
            site.close();
        }
    }

    private TestSite start() {
        site = TestSite.builder(dir).papers(TestAccounts.papers()).start();
        return site;
    }

    private int upvotes(String id) {
        return site.site.feedStore().upvotes(List.of(id)).get(id);
    }

    @Test
    void a_bad_bearer_token_is_401_even_with_a_valid_session_cookie_and_csrf_token() {
        start();
        TestBrowser alice = TestAccounts.signedIn(site, "alice@example.org");
        String session = alice.cookie(WebServer.SESSION_COOKIE);
        String junk = "Bearer junk";

        List<HttpResponse<String>> answers = List.of(
                alice.postForm("/me/token", Map.of(), "Authorization", junk),
                alice.postForm("/papers/2607.00001/upvote", Map.of("upvote", "true"), "Authorization", junk),
                alice.postJson(
                        "/api/papers/2607.00001/upvote",
                        "{\"upvote\":true}",
                        "Authorization",
                        junk,
                        "X-CSRF-Token",
                        alice.csrf()),
                alice.postJson("/api/subscriptions", "{\"email\":\"alice@example.org\"}", "Authorization", junk),
                alice.postForm("/logout", Map.of(), "Authorization", junk),
                alice.get("/me", "Authorization", "Bearer"));

        for (HttpResponse<String> r : answers) {
            assertThat(r.statusCode()).as(r.uri().getPath()).isEqualTo(401);
            assertThat(r.headers().firstValue("WWW-Authenticate"))
                    .hasValue("Bearer realm=\"paperboy\", error=\"invalid_token\"");
        }
        assertThat(upvotes("2607.00001")).isEqualTo(5);
        assertThat(site.site.sessions().userOf(session)).isPresent();
        assertThat(site.site
                        .users()
                        .findByEmail("alice@example.org")
                        .orElseThrow()
                        .hasApiToken())
                .isFalse();
        assertThat(site.site.subscriptions().findByEmail("alice@example.org")).isEmpty();
    }

    @Test
    void a_valid_token_acts_as_its_own_account_and_never_as_the_cookie() {
        start();
        TestBrowser alice = TestAccounts.signedIn(site, "alice@example.org");
        site.site.users().signIn("bot@example.org");
        long bot =
                site.site.users().findByEmail("bot@example.org").orElseThrow().id();
        String token = site.site.users().newApiToken(bot);

        HttpResponse<String> r = alice.postJson(
                "/api/papers/2607.00002/upvote", "{\"upvote\":true}", "Authorization", "Bearer " + token);

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(site.site.votes().has(bot, "2607.00002")).isTrue();
        long aliceId =
                site.site.users().findByEmail("alice@example.org").orElseThrow().id();
        assertThat(site.site.votes().has(aliceId, "2607.00002")).isFalse();
    }

    @Test
    void sign_in_and_subscriptions_refuse_the_same_addresses() {
        start();
        for (String address : List.of("a@localhost", "=?utf-8?q?alice?=@example.org")) {
            HttpResponse<String> login = site.browser().postForm("/login", Map.of("email", address));
            HttpResponse<String> subscribe =
                    site.browser().postJson("/api/subscriptions", "{\"email\":" + JSON.valueToTree(address) + "}");

            assertThat(login.statusCode()).as(address).isEqualTo(400);
            assertThat(subscribe.statusCode()).as(address).isEqualTo(400);
            assertThat(subscribe.body()).as(address).contains("\"field\":\"email\"");
        }
        assertThat(site.mailLog()).isEmpty();
    }

    @Test
    void behind_a_trusted_proxy_each_forwarded_client_has_its_own_rate_limit() {
        site = TestSite.builder(dir)
                .papers(TestAccounts.papers())
                .config(PaperboyConfig.TRUSTED_PROXIES, "127.0.0.1")
                .start();
        List<Integer> first = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            first.add(site.browser()
                    .postForm("/login", Map.of("email", "u" + i + "@example.org"), "X-Forwarded-For", "203.0.113.1")
                    .statusCode());
        }
        int other = site.browser()
                .postForm("/login", Map.of("email", "v@example.org"), "X-Forwarded-For", "203.0.113.2")
                .statusCode();

        assertThat(first).containsExactly(200, 200, 200, 200, 200, 429);
        assertThat(other).isEqualTo(200);
    }

    @Test
    void without_a_trusted_proxy_x_forwarded_for_is_ignored() {
        start();
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            statuses.add(site.browser()
                    .postForm("/login", Map.of("email", "u" + i + "@example.org"), "X-Forwarded-For", "198.51.100." + i)
                    .statusCode());
        }

        assertThat(statuses).containsExactly(200, 200, 200, 200, 200, 429);
    }

    @Test
    void refuses_development_mode_on_an_address_other_than_loopback() {
        start();
        WebServer other = new WebServer(site.site);

        assertThatThrownBy(() -> other.start("0.0.0.0", 0))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("refusing to serve on 0.0.0.0 in development mode");
        assertThat(WebServer.loopback("127.0.0.1")).isTrue();
        assertThat(WebServer.loopback("::1")).isTrue();
        assertThat(WebServer.loopback("localhost")).isTrue();
        assertThat(WebServer.loopback("0.0.0.0")).isFalse();
        assertThat(WebServer.loopback("192.0.2.1")).isFalse();
    }

    @Test
    void hidden_papers_are_left_out_inside_the_search_so_totals_and_pages_are_exact() throws Exception {
        start();
        site.site.feedStore().setHidden("2607.00002", true);

        HttpResponse<String> all = site.browser().get("/api/papers/search?q=retrieval&mode=bm25&limit=10");
        HttpResponse<String> page = site.browser().get("/api/papers/search?q=retrieval&mode=bm25&limit=1");
        HttpResponse<String> similar = site.browser().get("/api/papers/2607.00001/similar?limit=1");

        assertThat(all.headers().firstValue("X-Total-Count")).hasValue("1");
        assertThat(ids(all)).containsExactly("2607.00001");
        assertThat(page.headers().firstValue("X-Total-Count")).hasValue("1");
        assertThat(ids(similar)).hasSize(1).doesNotContain("2607.00002");
        assertThat(site.browser().get("/search?q=retrieval").body())
                .doesNotContain("/papers/2607.00002")
                .contains("<a href=\"/papers/2607.00001\">");
    }

    @Test
    void serves_a_paper_as_markdown_for_the_hugging_face_client() {
        start();

        HttpResponse<String> r = site.browser().get("/papers/2607.00001.md");
        HttpResponse<String> old = site.browser().get("/papers/hep-th/9901001v2.md");
        site.site.feedStore().setHidden("2607.00002", true);

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("text/markdown; charset=utf-8");
        assertThat(r.body())
                .isEqualTo("""
                # Sparse retrieval

                **Authors:** Ada Lovelace

                [arXiv](<https://arxiv.org/abs/2607.00001>) · [PDF](<https://arxiv.org/pdf/2607.00001>)

                **Published:** 2026-07-01 · **Listed:** 2026-07-01 · **Categories:** cs.IR · **Upvotes:** 5

                ## Abstract

                We study sparse retrieval.

                ## BibTeX

                ```bibtex
                """
                        + BibTex.of(site.papers.find("2607.00001").orElseThrow())
                                .text()
                        + "```\n");
        assertThat(old.statusCode()).isEqualTo(200);
        assertThat(old.body()).startsWith("# Strings on branes\n");
        assertThat(site.browser().get("/papers/2607.00002.md").statusCode()).isEqualTo(404);
        assertThat(site.browser().get("/papers/2607.09999.md").statusCode()).isEqualTo(404);
    }

    private static List<String> ids(HttpResponse<String> r) throws Exception {
        List<String> ids = new ArrayList<>();
        for (JsonNode item : JSON.readTree(r.body())) {
            ids.add(item.path("paper").path("id").asText());
        }
        return ids;
    }
}
