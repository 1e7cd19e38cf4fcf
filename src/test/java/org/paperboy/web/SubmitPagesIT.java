package org.paperboy.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperboy.paper.Paper;

/** The {@code /submit} form against a local fake arXiv. */
class SubmitPagesIT {

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

    private TestBrowser member() {
        return TestAccounts.signedIn(site, "member@example.org");
    }

    @Test
    void shows_anonymous_visitors_the_form_with_a_link_to_sign_in() {
        TestBrowser b = site.browser();
        HttpResponse<String> r = b.get("/submit");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body())
                .contains(
                        "<title>Submit a paper · Paperboy</title>",
                        "<p class=\"notice\"><a href=\"/login?next=/submit\">Sign in to submit</a> a paper.</p>",
                        "<form method=\"post\" action=\"/submit\" class=\"stack\" novalidate>",
                        "<input type=\"hidden\" name=\"_csrf\" value=\"" + b.csrf() + "\">",
                        "<input id=\"arxivId\" name=\"arxivId\" type=\"text\" value=\"\"")
                .doesNotContain("role=\"alert\"");
    }

    @Test
    void sends_an_anonymous_submission_to_the_sign_in_page_without_asking_arxiv() {
        HttpResponse<String> r = site.browser().postForm("/submit", Map.of("arxivId", "2607.01234"));

        assertThat(r.statusCode()).isEqualTo(303);
        assertThat(r.headers().firstValue("Location")).hasValue("/login?next=/submit");
        assertThat(arxiv.asked()).isEmpty();
    }

    @Test
    void shows_members_the_form_without_the_sign_in_link() {
        HttpResponse<String> r = member().get("/submit");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).doesNotContain("Sign in to submit");
    }

    @Test
    void adds_a_paper_to_todays_feed_and_goes_to_its_page() throws Exception {
        TestBrowser b = member();
        assertThat(site.browser().get("/api/daily_papers").body()).doesNotContain("2607.01234");

        HttpResponse<String> r = b.postForm("/submit", Map.of("arxivId", "https://arxiv.org/abs/2607.01234v1"));

        assertThat(r.statusCode()).isEqualTo(303);
        assertThat(r.headers().firstValue("Location")).hasValue("/papers/2607.01234");
        assertThat(arxiv.asked()).containsExactly("2607.01234v1");
        Paper stored = site.papers.find("2607.01234").orElseThrow();
        assertThat(stored.title()).isEqualTo("Sparse Retrieval Revisited");
        assertThat(stored.listedOn()).isEqualTo(LocalDate.of(2026, 7, 2));
        assertThat(site.indexSignals.get()).isEqualTo(1);
        assertThat(site.browser().get("/api/daily_papers").body()).contains("\"id\":\"2607.01234\"");
    }

    @Test
    void answers_a_paper_submitted_again_with_already_listed_and_a_link_without_asking_arxiv() {
        TestBrowser b = member();
        b.postForm("/submit", Map.of("arxivId", "2607.01234"));
        arxiv.failWith(503);

        HttpResponse<String> again = b.postForm("/submit", Map.of("arxivId", "arXiv:2607.01234"));

        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.body())
                .contains("<p class=\"notice\" role=\"status\">Already listed: "
                        + "<a href=\"/papers/2607.01234\">Sparse Retrieval Revisited</a></p>")
                .doesNotContain("role=\"alert\"");
        assertThat(arxiv.asked()).containsExactly("2607.01234");
        assertThat(site.papers.count()).isEqualTo(ApiFixtures.PAPERS.size() + 1L);
    }

    @Test
    void answers_a_stored_paper_at_once_while_arxiv_is_unreachable() {
        arxiv.failWith(503);

        HttpResponse<String> r = member().postForm("/submit", Map.of("arxivId", "https://arxiv.org/abs/2607.00001"));

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body())
                .contains("Already listed: <a href=\"/papers/2607.00001\">"
                        + "Hybrid Retrieval with Lexical and Dense Signals</a>");
        assertThat(arxiv.asked()).isEmpty();
    }

    @Test
    void keeps_the_typed_text_and_says_why_when_it_is_not_an_arxiv_id() {
        HttpResponse<String> r = member().postForm("/submit", Map.of("arxivId", "\"><script>alert(1)</script>"));

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body())
                .contains("<p id=\"submit-error\" class=\"field-error\" role=\"alert\">'\"&gt;&lt;script&gt;"
                        + "alert(1)&lt;/script&gt;' not an arXiv id (expected e.g. 2603.28800, 2603.28800v2, "
                        + "arXiv:2603.28800, https://arxiv.org/abs/2603.28800 or hep-th/9901001)</p>")
                .contains("value=\"&#34;>&lt;script>alert(1)&lt;/script>\"")
                .contains("aria-invalid=\"true\"")
                .doesNotContain("<script>alert");
        assertThat(arxiv.asked()).isEmpty();
    }

    @Test
    void asks_for_an_id_when_the_field_is_empty() {
        HttpResponse<String> r = member().postForm("/submit", Map.of("arxivId", "  "));

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains(">give an arXiv id or URL, e.g. 2607.01234</p>");
    }

    @Test
    void says_when_arxiv_has_no_such_paper_and_stores_nothing() {
        HttpResponse<String> r = member().postForm("/submit", Map.of("arxivId", "2607.99999"));

        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.body()).contains(">arXiv has no paper 2607.99999</p>").contains("value=\"2607.99999\"");
        assertThat(site.papers.count()).isEqualTo(ApiFixtures.PAPERS.size());
        assertThat(site.indexSignals.get()).isZero();
    }

    @Test
    void says_when_arxiv_fails_and_stores_nothing() {
        arxiv.failWith(503);

        HttpResponse<String> r = member().postForm("/submit", Map.of("arxivId", "2607.01234"));

        assertThat(r.statusCode()).isEqualTo(502);
        assertThat(r.body())
                .contains(">arXiv could not be asked about 2607.01234 (it is unreachable or busy); nothing was stored, "
                        + "try again in a few minutes</p>");
        assertThat(arxiv.asked()).hasSize(2);
        assertThat(site.papers.find("2607.01234")).isEmpty();
    }

    @Test
    void refuses_a_paper_the_moderators_hid() {
        HttpResponse<String> r = member().postForm("/submit", Map.of("arxivId", "2607.00004"));

        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.body()).contains(">paper 2607.00004 was removed by this site's moderators</p>");
        assertThat(arxiv.asked()).isEmpty();
    }

    @Test
    void limits_submissions_per_account() {
        TestBrowser b = member();
        for (int i = 0; i < RateLimiter.Limit.SUBMISSIONS_PER_ACCOUNT.permits(); i++) {
            // Papers arXiv does not have: each attempt asks arXiv, so each counts.
            assertThat(b.postForm("/submit", Map.of("arxivId", "2607.9" + (1000 + i)))
                            .statusCode())
                    .isEqualTo(404);
        }

        HttpResponse<String> r = b.postForm("/submit", Map.of("arxivId", "2607.01234"));

        assertThat(r.statusCode()).isEqualTo(429);
        assertThat(r.headers().firstValue("Retry-After")).hasValue("180");
        assertThat(r.body())
                .contains(">too many papers submitted from your account; try again in 3 minutes</p>")
                .contains("value=\"2607.01234\"");
        assertThat(arxiv.asked()).hasSize(RateLimiter.Limit.SUBMISSIONS_PER_ACCOUNT.permits());
        assertThat(TestAccounts.signedIn(site, "other@example.org")
                        .postForm("/submit", Map.of("arxivId", "2607.01234"))
                        .statusCode())
                .isEqualTo(303);
    }

    @Test
    void refuses_a_submission_without_the_csrf_token() {
        HttpResponse<String> r = member().postForm("/submit", Map.of("arxivId", "2607.01234", "_csrf", "forged"));

        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(arxiv.asked()).isEmpty();
    }
}
