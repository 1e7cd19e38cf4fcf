package org.paperboy.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.paperboy.web.PagePapers.JUL_1;
import static org.paperboy.web.PagePapers.titles;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperboy.config.PaperboyConfig;
import org.paperboy.paper.Author;
import org.paperboy.paper.Links;
import org.paperboy.paper.Paper;

class PaperPagesIT {

    private static final Paper FULL = Paper.builder("2607.00042")
            .version(2)
            .title("Quantized vectors & exact re-ranking")
            .abstractText("We keep int8 vectors in memory and re-rank the top hits with float32 ones.")
            .authors(List.of(new Author("José Müller"), new Author("Li Wei")))
            .categories(List.of("cs.IR", "cs.DB"))
            .published(LocalDate.of(2026, 6, 28))
            .updated(LocalDate.of(2026, 6, 30))
            .listedOn(JUL_1)
            .links(new Links(
                    "https://arxiv.org/abs/2607.00042v2",
                    "https://arxiv.org/pdf/2607.00042v2",
                    "https://github.com/example/quant",
                    "https://quant.example.org/"))
            .comment("12 pages, 3 figures")
            .journalRef("Proc. SIGIR 2026")
            .doi("10.1145/1234567.890")
            .license("http://creativecommons.org/licenses/by/4.0/")
            .upvotes(4)
            .build();

    @TempDir
    Path dir;

    TestSite site;

    @AfterEach
    void stop() {
        if (site != null) {
            site.close();
        }
    }

    private TestBrowser start(List<Paper> papers, String admins) {
        TestSite.Builder b = TestSite.builder(dir).papers(papers);
        if (admins != null) {
            b.config(PaperboyConfig.ADMINS, admins);
        }
        site = b.start();
        return site.browser();
    }

    private static List<Paper> withFull() {
        List<Paper> papers = new ArrayList<>(PagePapers.standard());
        papers.add(FULL);
        return papers;
    }

    @Test
    void shows_the_addresses_in_the_comment_as_escaped_links_that_pass_no_rank() {
        Paper p = FULL.toBuilder()
                .comment("Code: https://github.com/ada/rag\"><script>x</script>, demo www.ada.org/d?a=1&b=2.")
                .build();
        List<Paper> papers = new ArrayList<>(PagePapers.standard());
        papers.add(p);

        HttpResponse<String> r = start(papers, null).get("/papers/2607.00042");

        assertThat(r.body())
                .contains("<dt>Comment</dt><dd>Code: <a href=\"https://github.com/ada/rag\" rel=\"nofollow noopener\">"
                        + "https://github.com/ada/rag</a>\"&gt;&lt;script&gt;x&lt;/script&gt;, demo "
                        + "<a href=\"https://www.ada.org/d?a=1&amp;b=2\" rel=\"nofollow noopener\">"
                        + "www.ada.org/d?a=1&amp;b=2</a>.</dd>")
                .doesNotContain("<script>x");
    }

    @Test
    void shows_the_whole_record_with_its_links_and_bibtex() {
        HttpResponse<String> r = start(withFull(), null).get("/papers/2607.00042");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body())
                .contains(
                        "<title>Quantized vectors &amp; exact re-ranking · Paperboy</title>",
                        "<h1>Quantized vectors &amp; exact re-ranking</h1>",
                        "<p class=\"authors\"><a class=\"author\" href=\"/search?author=Jos%C3%A9+M%C3%BCller\">José Müller</a>,"
                                + " <a class=\"author\" href=\"/search?author=Li+Wei\">Li Wei</a></p>",
                        "<nav class=\"paper-links\" aria-label=\"Links\">\n"
                                + "<a class=\"button\" href=\"https://arxiv.org/abs/2607.00042v2\">arXiv page</a>\n"
                                + "<a class=\"button\" href=\"https://arxiv.org/pdf/2607.00042v2\">PDF</a>\n"
                                + "<a class=\"button\" href=\"https://github.com/example/quant\">Code</a>\n"
                                + "<a class=\"button\" href=\"https://quant.example.org/\">Project page</a>\n"
                                + "</nav>",
                        "<p>We keep int8 vectors in memory and re-rank the top hits with float32 ones.</p>",
                        "<dt>Identifier</dt><dd>2607.00042 (version 2)</dd>",
                        "<dt>Categories</dt><dd><ul class=\"tags\"><li>cs.IR</li><li>cs.DB</li></ul></dd>",
                        "<dt>Published</dt><dd><time datetime=\"2026-06-28\">Jun 28, 2026</time></dd>",
                        "<dt>Updated</dt><dd><time datetime=\"2026-06-30\">Jun 30, 2026</time></dd>",
                        "<dt>Listed</dt><dd><a href=\"/date/2026-07-01\"><time datetime=\"2026-07-01\">Jul 1, 2026</time>"
                                + "</a></dd>",
                        "<dt>Comment</dt><dd>12 pages, 3 figures</dd>",
                        "<dt>Journal ref</dt><dd>Proc. SIGIR 2026</dd>",
                        "<dt>DOI</dt><dd><a href=\"https://doi.org/10.1145/1234567.890\">10.1145/1234567.890</a></dd>",
                        "<dt>License</dt><dd><a href=\"http://creativecommons.org/licenses/by/4.0/\">"
                                + "http://creativecommons.org/licenses/by/4.0/</a></dd>",
                        "<pre id=\"bibtex-text\" tabindex=\"0\">@misc{muller2026quantized,\n"
                                + "  title = {Quantized vectors \\&amp; exact re-ranking},\n"
                                + "  author = {José Müller and Li Wei},\n"
                                + "  year = {2026},\n"
                                + "  eprint = {2607.00042},\n"
                                + "  archivePrefix = {arXiv},\n"
                                + "  primaryClass = {cs.IR},\n"
                                + "  doi = {10.1145/1234567.890},\n"
                                + "  url = {https://arxiv.org/abs/2607.00042v2}\n"
                                + "}\n"
                                + "</pre>",
                        "<button type=\"submit\" aria-pressed=\"false\" title=\"Upvote this paper\">"
                                + "<span class=\"arrow\" aria-hidden=\"true\">▲</span> <span class=\"count\">4</span>")
                .doesNotContain("class=\"admin\"", "class=\"banner\"");
    }

    @Test
    void answers_an_unknown_id_with_404() {
        HttpResponse<String> r = start(PagePapers.standard(), null).get("/papers/2699.99999");
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.body()).contains("<h1>404 · Not Found</h1>", "<p>there is no paper with id '2699.99999'</p>");
    }

    @Test
    void serves_an_old_style_id_with_a_slash() {
        HttpResponse<String> r = start(PagePapers.standard(), null).get("/papers/hep-th/9901001");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body())
                .contains(
                        "<h1>Strings on a circle</h1>",
                        "<form method=\"post\" action=\"/papers/hep-th/9901001/upvote\" class=\"upvote\">",
                        "<input type=\"hidden\" name=\"next\" value=\"/papers/hep-th/9901001\">",
                        "<a class=\"button\" href=\"https://arxiv.org/abs/hep-th/9901001\">arXiv page</a>",
                        "<a class=\"button\" href=\"https://arxiv.org/pdf/hep-th/9901001\">PDF</a>",
                        "  eprint = {hep-th/9901001},\n");
    }

    @Test
    void redirects_another_spelling_of_an_arxiv_id_to_the_papers_page() {
        TestBrowser b = start(PagePapers.standard(), null);
        HttpResponse<String> r = b.get("/papers/arXiv:2607.00001v2");
        assertThat(r.statusCode()).isEqualTo(301);
        assertThat(r.headers().firstValue("Location")).hasValue("/papers/2607.00001");
        assertThat(b.get("/papers/arXiv:2699.99999").statusCode()).isEqualTo(404);
    }

    @Test
    void lists_five_similar_papers_leaving_out_hidden_ones() {
        TestBrowser b = start(PagePapers.standard(), null);
        List<String> before = titles(b.get("/papers/2607.00001").body());
        assertThat(before).hasSize(5).doesNotContain("Dense retrieval with tiny embedding models");

        String hiddenTitle = before.get(0);
        String hiddenId = PagePapers.standard().stream()
                .filter(p -> p.title().equals(hiddenTitle))
                .findFirst()
                .orElseThrow()
                .id();
        site.site.feedStore().setHidden(hiddenId, true);
        List<String> after = titles(b.get("/papers/2607.00001").body());
        assertThat(after).hasSize(5).doesNotContain(hiddenTitle, "Dense retrieval with tiny embedding models");
        assertThat(b.get("/papers/2607.00001").body()).contains("<h2 id=\"similar-h\">Similar papers</h2>");
    }

    @Test
    void says_similar_papers_appear_once_the_paper_is_indexed() {
        TestBrowser b = start(PagePapers.standard(), null);
        Paper fresh = PagePapers.paper("2607.00099", "Not indexed yet", JUL_1, 0);
        site.db.inTransaction(h -> {
            site.papers.insertAll(h, List.of(fresh));
            return null;
        });
        HttpResponse<String> r = b.get("/papers/2607.00099");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("<p class=\"note\">Similar papers appear once the paper is indexed.</p>");
        assertThat(titles(r.body())).isEmpty();
    }

    @Test
    void hides_a_hidden_paper_from_visitors_and_shows_admins_a_banner_and_the_moderation_forms() {
        TestBrowser b = start(withFull(), "admin@example.org");
        site.site.feedStore().setHidden("2607.00042", true);

        HttpResponse<String> anonymous = b.get("/papers/2607.00042");
        assertThat(anonymous.statusCode()).isEqualTo(404);
        assertThat(anonymous.body()).contains("<p>there is no paper with id '2607.00042'</p>");

        TestBrowser admin = site.browser();
        String cookie = PagePapers.sessionCookie(site, "admin@example.org");
        HttpResponse<String> r = admin.get("/papers/2607.00042", "Cookie", cookie);
        assertThat(r.statusCode()).isEqualTo(200);
        String csrf = admin.csrf();
        assertThat(r.body())
                .contains(
                        "<p class=\"banner\" role=\"status\">This paper is hidden: only admins see this page, and it is"
                                + " left out of feeds and search.</p>",
                        "<form method=\"post\" action=\"/admin/papers/2607.00042/hide\" class=\"inline\">\n"
                                + "<input type=\"hidden\" name=\"_csrf\" value=\"" + csrf + "\">\n"
                                + "<input type=\"hidden\" name=\"next\" value=\"/papers/2607.00042\">\n"
                                + "<input type=\"hidden\" name=\"hidden\" value=\"false\">\n"
                                + "<button type=\"submit\" class=\"primary\">Show this paper again</button>\n"
                                + "</form>",
                        "<form method=\"post\" action=\"/admin/papers/2607.00042/code\" class=\"code-form\">\n"
                                + "<input type=\"hidden\" name=\"_csrf\" value=\"" + csrf + "\">\n"
                                + "<input type=\"hidden\" name=\"next\" value=\"/papers/2607.00042\">\n"
                                + "<label for=\"code-url\">Code link</label>\n"
                                + "<input id=\"code-url\" name=\"url\" type=\"url\" value=\"https://github.com/example/quant\""
                                + " placeholder=\"https://github.com/…\">");
    }

    @Test
    void offers_an_admin_the_hide_form_on_a_visible_paper() {
        TestBrowser admin = start(withFull(), "admin@example.org");
        String cookie = PagePapers.sessionCookie(site, "admin@example.org");
        String body = admin.get("/papers/2607.00042", "Cookie", cookie).body();
        assertThat(body)
                .contains("<input type=\"hidden\" name=\"hidden\" value=\"true\">\n"
                        + "<button type=\"submit\" class=\"danger\">Hide this paper</button>")
                .doesNotContain("class=\"banner\"");
    }

    @Test
    void shows_the_upvotes_cast_here_and_the_visitors_own_vote() {
        TestBrowser b = start(withFull(), null);
        String cookie = PagePapers.voterCookie(site, "reader@example.org", "2607.00042");
        String body = b.get("/papers/2607.00042", "Cookie", cookie).body();
        assertThat(body)
                .contains("<input type=\"hidden\" name=\"upvote\" value=\"false\">\n"
                        + "<button type=\"submit\" aria-pressed=\"true\" title=\"Take back your upvote\">"
                        + "<span class=\"arrow\" aria-hidden=\"true\">▲</span> <span class=\"count\">5</span>");
    }
}
