package org.paperboy.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code POST /api/papers/index}: submitting a paper through the API, against a local fake arXiv. */
class PaperIndexApiIT {

    private static final String NEW_PAPER = "{\"id\":\"2607.01234\",\"authors\":[{\"name\":\"Grace Hopper\"}],"
            + "\"publishedAt\":\"2026-06-30T00:00:00.000Z\",\"submittedOnDailyAt\":\"2026-07-02T00:00:00.000Z\","
            + "\"title\":\"Sparse Retrieval Revisited\",\"summary\":\"We revisit sparse retrieval.\",\"upvotes\":0,"
            + "\"categories\":[\"cs.IR\"],\"arxivUrl\":\"https://arxiv.org/abs/2607.01234v1\"}";

    @TempDir
    Path dir;

    FakeArxiv arxiv;
    TestSite site;

    @BeforeEach
    void start() {
        arxiv = new FakeArxiv().knows("2607.01234", "Sparse Retrieval Revisited", "We revisit sparse retrieval.");
        site = ApiFixtures.site(TestSite.builder(dir).arxivApi(arxiv.api()));
    }

    @AfterEach
    void stop() {
        site.close();
        arxiv.close();
    }

    private HttpResponse<String> post(String body, String... headers) {
        return site.browser().postJson("/api/papers/index", body, headers);
    }

    private String bearer() {
        return "Bearer " + ApiFixtures.apiToken(site, "bot@example.org");
    }

    @Test
    void refuses_an_anonymous_call_with_401_problem_json() {
        HttpResponse<String> r = post("{\"arxivId\":\"2607.01234\"}");

        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"paperboy\"");
        assertThat(r.body())
                .isEqualTo("{\"type\":\"about:blank\",\"title\":\"Unauthorized\",\"status\":401,"
                        + "\"detail\":\"sign in first: send Authorization: Bearer <API token from /me>, or a session "
                        + "cookie with the X-CSRF-Token header\"}");
        assertThat(arxiv.asked()).isEmpty();
    }

    @Test
    void refuses_a_wrong_api_token() {
        HttpResponse<String> r = post("{\"arxivId\":\"2607.01234\"}", "Authorization", "Bearer pb_not-a-token");

        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.body())
                .contains(
                        "\"detail\":\"the API token is not valid; create a new one at /me (it may have been replaced or "
                                + "revoked)\"");
        assertThat(arxiv.asked()).isEmpty();
    }

    @Test
    void adds_a_new_paper_with_201_and_answers_200_when_it_is_known() {
        String auth = bearer();

        HttpResponse<String> created =
                post("{\"arxivId\":\"https://arxiv.org/abs/2607.01234\"}", "Authorization", auth);
        HttpResponse<String> known = post("{\"arxivId\":\"2607.01234v1\"}", "Authorization", auth);

        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.headers().firstValue("Location")).hasValue("/api/papers/2607.01234");
        assertThat(created.body()).isEqualTo(NEW_PAPER);
        assertThat(known.statusCode()).isEqualTo(200);
        assertThat(known.body()).isEqualTo(NEW_PAPER);
        assertThat(site.browser().get("/api/papers/2607.01234").body()).isEqualTo(NEW_PAPER);
        assertThat(arxiv.asked()).containsExactly("2607.01234");
        assertThat(site.indexSignals.get()).isEqualTo(1);
    }

    @Test
    void answers_a_paper_already_listed_at_once_without_asking_arxiv() {
        arxiv.failWith(500);

        HttpResponse<String> r = post("{\"arxivId\":\"arXiv:2607.00001\"}", "Authorization", bearer());

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body())
                .contains("\"id\":\"2607.00001\"", "\"title\":\"Hybrid Retrieval with Lexical and Dense Signals\"");
        assertThat(arxiv.asked()).isEmpty();
        assertThat(site.indexSignals.get()).isZero();
    }

    @Test
    void takes_a_session_with_the_csrf_header_and_refuses_one_without() {
        TestBrowser b = TestAccounts.signedIn(site, "member@example.org");

        HttpResponse<String> forged = b.postJson("/api/papers/index", "{\"arxivId\":\"2607.01234\"}");
        HttpResponse<String> ok =
                b.postJson("/api/papers/index", "{\"arxivId\":\"2607.01234\"}", "X-CSRF-Token", b.csrf());

        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(ok.statusCode()).isEqualTo(201);
        assertThat(arxiv.asked()).containsExactly("2607.01234");
    }

    @Test
    void answers_404_when_arxiv_has_no_such_paper() {
        HttpResponse<String> r = post("{\"arxivId\":\"2607.99999\"}", "Authorization", bearer());

        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.body())
                .isEqualTo("{\"type\":\"about:blank\",\"title\":\"Not Found\",\"status\":404,"
                        + "\"detail\":\"arXiv has no paper 2607.99999\"}");
        assertThat(site.papers.count()).isEqualTo(ApiFixtures.PAPERS.size());
    }

    @Test
    void refuses_a_body_without_an_arxiv_id() {
        String auth = bearer();

        HttpResponse<String> notJson = post("arxivId=2607.01234", "Authorization", auth);
        HttpResponse<String> missing = post("{\"id\":\"2607.01234\"}", "Authorization", auth);
        HttpResponse<String> number = post("{\"arxivId\":2607.01234}", "Authorization", auth);
        HttpResponse<String> bad = post("{\"arxivId\":\"2607.1\"}", "Authorization", auth);

        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(notJson.body())
                .isEqualTo("{\"type\":\"about:blank\",\"title\":\"Bad Request\",\"status\":400,"
                        + "\"detail\":\"body: send a JSON object such as {\\\"arxivId\\\": \\\"2607.01234\\\"}\","
                        + "\"errors\":[{\"field\":\"body\",\"value\":\"arxivId=2607.01234\","
                        + "\"reason\":\"send a JSON object such as {\\\"arxivId\\\": \\\"2607.01234\\\"}\"}]}");
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(missing.body())
                .contains("\"errors\":[{\"field\":\"arxivId\",\"value\":null,"
                        + "\"reason\":\"give the arXiv id or URL as a string, e.g. \\\"2607.01234\\\"\"}]");
        assertThat(number.statusCode()).isEqualTo(400);
        assertThat(number.body()).contains("{\"field\":\"arxivId\",\"value\":\"2607.01234\"");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body())
                .contains("{\"field\":\"arxivId\",\"value\":\"2607.1\",\"reason\":\"'2607.1' not an arXiv id");
        assertThat(arxiv.asked()).isEmpty();
    }

    @Test
    void answers_502_when_arxiv_fails_and_stores_nothing() {
        arxiv.failWith(500);

        HttpResponse<String> r = post("{\"arxivId\":\"2607.01234\"}", "Authorization", bearer());

        assertThat(r.statusCode()).isEqualTo(502);
        assertThat(r.body())
                .isEqualTo("{\"type\":\"about:blank\",\"title\":\"Bad Gateway\",\"status\":502,"
                        + "\"detail\":\"arXiv could not be asked about 2607.01234 (it is unreachable or busy); "
                        + "nothing was stored, try again in a few minutes\"}");
        assertThat(site.papers.find("2607.01234")).isEmpty();
    }

    @Test
    void says_invalid_answer_when_arxiv_answers_something_that_is_no_atom_feed() {
        arxiv.answerWith("<html><body>maintenance</body></html>", 0);

        HttpResponse<String> r = post("{\"arxivId\":\"2607.01234\"}", "Authorization", bearer());

        assertThat(r.statusCode()).isEqualTo(502);
        assertThat(r.body())
                .isEqualTo("{\"type\":\"about:blank\",\"title\":\"Bad Gateway\",\"status\":502,"
                        + "\"detail\":\"arXiv sent an invalid answer about 2607.01234; nothing was stored, try again "
                        + "later\"}");
        assertThat(site.papers.find("2607.01234")).isEmpty();
    }

    @Test
    void stops_reading_an_arxiv_answer_of_60_mb_at_the_cap_and_says_invalid_answer() {
        arxiv.answerWith("<?xml version=\"1.0\"?><feed xmlns=\"http://www.w3.org/2005/Atom\">", 60L * 1024 * 1024);

        HttpResponse<String> r = post("{\"arxivId\":\"2607.01234\"}", "Authorization", bearer());

        assertThat(r.statusCode()).isEqualTo(502);
        assertThat(r.body()).contains("arXiv sent an invalid answer about 2607.01234");
        assertThat(arxiv.asked()).hasSize(1);
        assertThat(site.papers.find("2607.01234")).isEmpty();
    }

    @Test
    void answers_502_when_arxiv_is_down(@TempDir Path other) throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        try (TestSite down = TestSite.builder(other)
                .arxivApi(URI.create("http://127.0.0.1:" + port + "/api"))
                .start()) {
            String token = ApiFixtures.apiToken(down, "bot@example.org");

            HttpResponse<String> r = down.browser()
                    .postJson("/api/papers/index", "{\"arxivId\":\"2607.01234\"}", "Authorization", "Bearer " + token);

            assertThat(r.statusCode()).isEqualTo(502);
            assertThat(down.papers.count()).isZero();
        }
    }

    @Test
    void limits_submissions_per_account_with_retry_after() {
        String auth = bearer();
        for (int i = 0; i < RateLimiter.Limit.SUBMISSIONS_PER_ACCOUNT.permits(); i++) {
            // Papers arXiv does not have: each attempt asks arXiv, so each counts.
            assertThat(post("{\"arxivId\":\"2607.9" + (1000 + i) + "\"}", "Authorization", auth)
                            .statusCode())
                    .isEqualTo(404);
        }

        HttpResponse<String> r = post("{\"arxivId\":\"2607.01234\"}", "Authorization", auth);

        assertThat(r.statusCode()).isEqualTo(429);
        assertThat(r.headers().firstValue("Retry-After")).hasValue("180");
        assertThat(r.body())
                .isEqualTo("{\"type\":\"about:blank\",\"title\":\"Too Many Requests\",\"status\":429,"
                        + "\"detail\":\"too many papers submitted from your account; try again in 3 minutes\"}");
    }
}
