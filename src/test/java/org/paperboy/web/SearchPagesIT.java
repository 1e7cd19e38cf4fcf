package org.paperboy.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.paperboy.web.PagePapers.JUL_1;
import static org.paperboy.web.PagePapers.titles;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperboy.paper.Paper;

class SearchPagesIT {

    @TempDir
    Path dir;

    TestSite site;

    @AfterEach
    void stop() {
        if (site != null) {
            site.close();
        }
    }

    private TestBrowser start(List<Paper> papers) {
        site = TestSite.builder(dir).papers(papers).start();
        return site.browser();
    }

    @Test
    void finds_the_expected_paper_first_with_the_matched_words_marked() {
        HttpResponse<String> r = start(PagePapers.standard()).get("/search?q=tiny+embedding");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(titles(r.body()).get(0))
                .isEqualTo("Dense retrieval with <mark>tiny</mark> <mark>embedding</mark> models");
        assertThat(PagePapers.hrefs(r.body()).get(0)).isEqualTo("/papers/2607.00001");
        assertThat(r.body())
                .contains(
                        "<title>Search: tiny embedding · Paperboy</title>",
                        "<h1>Results for “tiny embedding”</h1>",
                        "<input id=\"search-q\" name=\"q\" type=\"search\" value=\"tiny embedding\"",
                        "<p class=\"abstract\">Small <mark>embedding</mark> models retrieve passages almost as well as"
                                + " large ones when distilled from a cross-encoder.</p>",
                        "<link rel=\"alternate\" type=\"application/atom+xml\" title=\"Search: tiny embedding\""
                                + " href=\"/search.atom?q=tiny+embedding\">",
                        "<a href=\"/search.atom?q=tiny+embedding\">follow as Atom feed</a>",
                        "<input type=\"hidden\" name=\"next\" value=\"/search?q=tiny+embedding\">");
    }

    @Test
    void a_result_card_shows_the_upvotes_cast_here_the_visitors_vote_and_the_papers_links() {
        TestBrowser b = start(PagePapers.standard());
        String cookie = PagePapers.voterCookie(site, "reader@example.org", "2607.00001");

        String body = b.get("/search?q=tiny+embedding", "Cookie", cookie).body();

        assertThat(body)
                .contains(
                        "<button type=\"submit\" aria-pressed=\"true\" title=\"Take back your upvote\">"
                                + "<span class=\"arrow\" aria-hidden=\"true\">▲</span> <span class=\"count\">6</span>",
                        "<a class=\"code\" href=\"https://github.com/example/tiny\">Code</a>"
                                + "<a href=\"https://arxiv.org/abs/2607.00001\">arXiv</a>"
                                + "<a href=\"https://arxiv.org/pdf/2607.00001\">PDF</a>",
                        "<p class=\"authors\"><a class=\"author\" href=\"/search?author=Ada+Lovelace\">Ada Lovelace</a>,"
                                + " <a class=\"author\" href=\"/search?author=Alan+Turing\">Alan Turing</a>,"
                                + " <a class=\"author\" href=\"/search?author=Grace+Hopper\">Grace Hopper</a>,"
                                + " <a class=\"author\" href=\"/search?author=Edsger+Dijkstra\">Edsger Dijkstra</a>,"
                                + " <a class=\"author\" href=\"/search?author=Barbara+Liskov\">Barbara Liskov</a>"
                                + " and 2 more</p>");
    }

    @Test
    void narrows_results_by_category_listed_days_and_code() {
        TestBrowser b = start(PagePapers.standard());
        assertThat(titles(b.get("/search?q=models&category=cs.RO").body()))
                .containsExactly("Weekly planning for robots");
        assertThat(titles(b.get("/search?q=models&category=q-bio.BM").body()))
                .containsExactlyInAnyOrder("Graph neural networks for molecules", "Protein folding at scale");
        assertThat(titles(b.get("/search?q=models&from=2026-06-29&until=2026-06-30")
                        .body()))
                .containsExactlyInAnyOrder("Strings on a circle", "Weekly planning for robots");
        assertThat(titles(b.get("/search?q=models&code=1").body()))
                .containsExactly("Dense retrieval with tiny embedding <mark>models</mark>");

        String filtered =
                b.get("/search?q=models&category=cs.RO&from=2026-06-01&code=").body();
        assertThat(filtered)
                .contains(
                        "<input name=\"category\" list=\"categories\" value=\"cs.RO\"",
                        "<input name=\"from\" type=\"date\" value=\"2026-06-01\">",
                        "<input name=\"code\" type=\"checkbox\" value=\"1\"> Has code",
                        "<p class=\"summary\">1 result · <a href=\"/search?q=models\">without filters</a>");
        assertThat(b.get("/search?q=models&code=1").body())
                .contains("<input name=\"code\" type=\"checkbox\" value=\"1\" checked> Has code");
    }

    @Test
    void shows_tips_for_an_empty_query_instead_of_an_error() {
        HttpResponse<String> r = start(PagePapers.standard()).get("/search?q=+");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body())
                .contains("<title>Search · Paperboy</title>", "<h1>Search papers</h1>", "<h2>Tips</h2>")
                .doesNotContain("application/atom+xml");
        assertThat(titles(r.body())).isEmpty();
    }

    @Test
    void suggests_what_to_try_when_nothing_matches() {
        HttpResponse<String> r = start(PagePapers.standard()).get("/search?q=models&category=math.AG");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body())
                .contains(
                        "<p class=\"summary\">0 results · <a href=\"/search?q=models\">without filters</a>",
                        "<p class=\"empty-title\">No papers match “models” with these filters.</p>",
                        "<li><a href=\"/search?q=models\">Search again without filters</a>.</li>",
                        "<li>See what is <a href=\"/trending\">trending</a> or browse <a href=\"/\">the latest papers</a>.</li>");
    }

    @Test
    void refuses_malformed_dates_checkbox_and_page_with_a_400_naming_the_field() {
        TestBrowser b = start(PagePapers.standard());
        assertBadRequest(
                b.get("/search?q=x&from=2026-02-30"), "from: '2026-02-30' is not a day YYYY-MM-DD, e.g. 2026-06-30");
        assertBadRequest(b.get("/search?q=x&until=July"), "until: 'July' is not a day YYYY-MM-DD, e.g. 2026-06-30");
        assertBadRequest(
                b.get("/search?q=x&from=2026-07-01&until=2026-06-01"),
                "until: '2026-06-01' is before from (2026-07-01)");
        assertBadRequest(b.get("/search?q=x&code=yes"), "code: 'yes' is not 1 (only papers with code) or empty");
        assertBadRequest(b.get("/search?q=x&page=501"), "page: '501' is not a page number from 1 to 500");
        assertBadRequest(b.get("/search?q=x&page=-1"), "page: '-1' is not a page number from 1 to 500");
    }

    private static void assertBadRequest(HttpResponse<String> r, String detail) {
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("<h1>400 · Bad Request</h1>", "<p>" + detail + "</p>");
    }

    @Test
    void pages_results_20_at_a_time() {
        List<Paper> papers = new ArrayList<>();
        for (int i = 1; i <= 25; i++) {
            papers.add(PagePapers.paper(String.format("2607.%05d", i), "Ranking paper " + i, JUL_1, 0));
        }
        TestBrowser b = start(papers);
        HttpResponse<String> first = b.get("/search?q=ranking&category=cs.IR");
        assertThat(titles(first.body())).hasSize(20);
        assertThat(first.body())
                .contains(
                        "<span class=\"where\">Page 1 of 2</span>",
                        "<a rel=\"next\" href=\"/search?q=ranking&amp;category=cs.IR&amp;page=2\">Next page →</a>");
        HttpResponse<String> second = b.get("/search?q=ranking&category=cs.IR&page=2");
        assertThat(titles(second.body())).hasSize(5).doesNotContainAnyElementsOf(titles(first.body()));
        assertThat(second.body())
                .contains("<a rel=\"prev\" href=\"/search?q=ranking&amp;category=cs.IR\">← Previous page</a>");
    }

    @Test
    void leaves_hidden_papers_out_of_the_results() {
        TestBrowser b = start(PagePapers.standard());
        site.site.feedStore().setHidden("2607.00001", true);
        List<String> found = PagePapers.hrefs(b.get("/search?q=tiny+embedding").body());
        assertThat(found).hasSize(6).doesNotContain("/papers/2607.00001");
    }

    @Test
    void answers_odd_input_without_a_server_error() {
        TestBrowser b = start(PagePapers.standard());
        String longQuery = "embedding+".repeat(600);
        for (String path : List.of(
                "/search?q=%00",
                "/search?q=" + longQuery,
                "/search?q=title%3A(foo+AND+%22bar&category=%3Cb%3E",
                "/search?q=*%3F~%5E2&from=2026-07-01&until=2026-07-01",
                "/search?q=x&page=99999999999999999999",
                "/search?q=x&category=" + "c".repeat(101),
                "/papers/%00",
                "/papers/arXiv:",
                "/papers/" + "9".repeat(300),
                "/date/%00",
                "/week/2026-W00",
                "/month/0000-00",
                "/trending?window=%00&page=1",
                "/?page=2147483648")) {
            int status = b.get(path).statusCode();
            assertThat(status).as(path).isIn(200, 400, 404);
        }
    }

    @Test
    void lists_an_authors_papers_newest_first_with_an_exact_count() {
        TestBrowser b = start(PagePapers.standard());
        HttpResponse<String> r = b.get("/search?author=Grace+Hopper");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body())
                .contains(
                        "<title>Papers by Grace Hopper · Paperboy</title>",
                        "<h1>Papers by Grace Hopper</h1>",
                        "<input name=\"author\" value=\"Grace Hopper\"",
                        "<p class=\"summary\">1 result, newest first · the whole name, in any case");
        assertThat(titles(r.body())).containsExactly("Dense retrieval with tiny embedding models");

        // Every standard paper lists Alan Turing: all seven, newest listed day first (then newest id), in any case or
        // spacing.
        List<String> all = titles(b.get("/search?author=%20alan%20%20TURING").body());
        assertThat(all)
                .containsExactly(
                        "Graph neural networks for molecules",
                        "Sparse lexical ranking revisited",
                        "Dense retrieval with tiny embedding models",
                        "Strings on a circle",
                        "Weekly planning for robots",
                        "Protein folding at scale",
                        "Cellular automata in May");
        assertThat(b.get("/search?author=alan+turing").body()).contains("<p class=\"summary\">7 results, newest first");
        // Frances Allen is the seventh author of a card that names five: it says she is among the rest.
        assertThat(b.get("/search?author=frances+allen").body())
                .contains("<a class=\"author\" href=\"/search?author=Barbara+Liskov\">Barbara Liskov</a> and 2 more,"
                        + " including <a class=\"author\" href=\"/search?author=Frances+Allen\">Frances Allen</a></p>");
        // A part of a name is not the name.
        assertThat(b.get("/search?author=Turing").body())
                .contains("<p class=\"summary\">0 results, newest first", "No papers by “Turing”.");
    }

    @Test
    void narrows_a_search_and_an_authors_list_by_the_other_filters() {
        TestBrowser b = start(PagePapers.standard());
        assertThat(titles(b.get("/search?author=Alan+Turing&category=q-bio.BM").body()))
                .containsExactly("Graph neural networks for molecules", "Protein folding at scale");
        assertThat(b.get("/search?author=Alan+Turing&category=q-bio.BM").body())
                .contains("<p class=\"summary\">2 results, newest first");
        assertThat(titles(b.get("/search?q=models&author=Grace+Hopper").body()))
                .containsExactly("Dense retrieval with tiny embedding <mark>models</mark>");
        assertThat(b.get("/search?q=models&author=Grace+Hopper").body())
                .contains("<p class=\"summary\">1 result · <a href=\"/search?q=models\">without filters</a>");
        assertThat(titles(b.get("/search?q=models&author=Nobody+Here").body())).isEmpty();
    }

    @Test
    void leaves_hidden_papers_out_of_an_authors_list_and_its_count() {
        TestBrowser b = start(PagePapers.standard());
        site.site.feedStore().setHidden("2607.00003", true);
        String body = b.get("/search?author=Alan+Turing").body();
        assertThat(body).contains("<p class=\"summary\">6 results, newest first");
        assertThat(titles(body)).doesNotContain("Graph neural networks for molecules");
    }

    @Test
    void refuses_an_author_name_over_200_characters() {
        HttpResponse<String> r = start(PagePapers.standard()).get("/search?author=" + "a".repeat(201));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("author: ");
    }
}
