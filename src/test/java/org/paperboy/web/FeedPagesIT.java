package org.paperboy.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.paperboy.web.PagePapers.JUL_1;
import static org.paperboy.web.PagePapers.JUN_26;
import static org.paperboy.web.PagePapers.JUN_30;
import static org.paperboy.web.PagePapers.paper;
import static org.paperboy.web.PagePapers.titles;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperboy.paper.Paper;

class FeedPagesIT {

    private static final List<String> JULY_1_BY_UPVOTES = List.of(
            "Graph neural networks for molecules",
            "Sparse lexical ranking revisited",
            "Dense retrieval with tiny embedding models");

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
    void opens_on_the_latest_day_with_papers_ordered_by_upvotes_then_newest_id() {
        HttpResponse<String> r = start(PagePapers.standard()).get("/");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body())
                .contains(
                        "<title>Wednesday, July 1, 2026 · Paperboy</title>",
                        "<h1>Wednesday, July 1, 2026</h1>",
                        "<p class=\"summary\">3 papers, most upvoted first</p>");
        assertThat(titles(r.body())).isEqualTo(JULY_1_BY_UPVOTES);
    }

    @Test
    void shows_the_latest_day_at_its_own_address_too() {
        HttpResponse<String> r = start(PagePapers.standard()).get("/date/2026-07-01");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("<h1>Wednesday, July 1, 2026</h1>");
        assertThat(titles(r.body())).isEqualTo(JULY_1_BY_UPVOTES);
    }

    @Test
    void links_a_day_to_the_nearest_days_with_papers_and_to_its_week_and_month() {
        TestBrowser b = start(PagePapers.standard());
        String latest = b.get("/").body();
        assertThat(latest)
                .contains(
                        "<a class=\"step prev\" href=\"/date/2026-06-30\">← Tue, Jun 30</a>",
                        "<span class=\"step next none\">No later papers →</span>");

        String body = b.get("/date/2026-06-30").body();
        assertThat(body)
                .contains(
                        "<a class=\"step prev\" href=\"/date/2026-06-29\">← Mon, Jun 29</a>",
                        "<a class=\"step next\" href=\"/date/2026-07-01\">Wed, Jul 1 →</a>",
                        "<span class=\"views\"><a href=\"/date/2026-06-30\" aria-current=\"page\">Day</a>"
                                + "<a href=\"/week/2026-W27\">Week</a><a href=\"/month/2026-06\">Month</a></span>");
        assertThat(titles(body)).containsExactly("Strings on a circle");
    }

    @Test
    void marks_days_with_papers_and_the_day_shown_in_the_calendar() {
        String body = start(PagePapers.standard()).get("/date/2026-06-30").body();
        assertThat(body)
                .contains(
                        "<div class=\"cal-head\"><a href=\"/month/2026-05\" aria-label=\"Previous month\">‹</a>"
                                + "<a class=\"month\" href=\"/month/2026-06\">June 2026</a>"
                                + "<a href=\"/month/2026-07\" aria-label=\"Next month\">›</a></div>",
                        "<td class=\"has-papers\"><a href=\"/date/2026-06-26\" title=\"June 26: 1 paper\">26</a></td>",
                        "<td><span>27</span></td>",
                        "<td class=\"in-period has-papers\"><a href=\"/date/2026-06-30\" title=\"June 30: 1 paper\" "
                                + "aria-current=\"date\">30</a></td>");
    }

    @Test
    void shows_a_week_most_upvoted_first_with_the_week_before() {
        HttpResponse<String> r = start(PagePapers.standard()).get("/week/2026-W27");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body())
                .contains(
                        "<h1>Week 27, 2026 · Jun 29 – Jul 5</h1>",
                        "<p class=\"summary\">5 papers, most upvoted first</p>",
                        "<a class=\"step prev\" href=\"/week/2026-W26\">← Week 26</a>",
                        // the week after starts after today (2026-07-02): nothing to link to yet
                        "<span class=\"step next none\">No later papers →</span>",
                        "<span class=\"views\"><a href=\"/date/2026-07-01\">Day</a>"
                                + "<a href=\"/week/2026-W27\" aria-current=\"page\">Week</a>"
                                + "<a href=\"/month/2026-07\">Month</a></span>");
        assertThat(titles(r.body()))
                .containsExactly(
                        "Graph neural networks for molecules",
                        "Sparse lexical ranking revisited",
                        "Dense retrieval with tiny embedding models",
                        "Strings on a circle",
                        "Weekly planning for robots");
    }

    @Test
    void shows_a_month_with_the_months_around_it() {
        HttpResponse<String> r = start(PagePapers.standard()).get("/month/2026-06");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body())
                .contains(
                        "<h1>June 2026</h1>",
                        "<a class=\"step prev\" href=\"/month/2026-05\">← May 2026</a>",
                        "<a class=\"step next\" href=\"/month/2026-07\">July 2026 →</a>");
        assertThat(titles(r.body()))
                .containsExactly("Strings on a circle", "Weekly planning for robots", "Protein folding at scale");
    }

    @Test
    void shows_a_day_without_papers_with_links_to_the_nearest_days_that_have_some() {
        HttpResponse<String> r = start(PagePapers.standard()).get("/date/2026-06-27");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body())
                .contains(
                        "<h1>Saturday, June 27, 2026</h1>",
                        "<p class=\"empty-title\">No papers were listed on this day.</p>",
                        "<ul class=\"nearby\"><li><a href=\"/date/2026-06-26\">Earlier: Friday, June 26, 2026</a></li>"
                                + "<li><a href=\"/date/2026-06-29\">Later: Monday, June 29, 2026</a></li></ul>");
        assertThat(titles(r.body())).isEmpty();
    }

    @Test
    void tells_the_visitor_of_an_empty_site_how_to_import_papers() {
        HttpResponse<String> r = start(List.of()).get("/");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body())
                .contains(
                        "<h1>Daily papers</h1>",
                        "<p class=\"empty-title\">No papers yet: this Paperboy has not imported any.</p>",
                        "<pre class=\"command\"><code>./paperboy import FILE</code></pre>");
    }

    @Test
    void refuses_a_malformed_date_week_month_or_page_with_a_400_naming_the_value() {
        TestBrowser b = start(PagePapers.standard());
        assertBadRequest(b.get("/date/2026-13-01"), "date: '2026-13-01' is not a day YYYY-MM-DD, e.g. 2026-06-30");
        assertBadRequest(b.get("/week/2026-W54"), "week: '2026-W54' is not an ISO week YYYY-Www, e.g. 2026-W27");
        assertBadRequest(b.get("/month/2026-6"), "month: '2026-6' is not a month YYYY-MM, e.g. 2026-06");
        assertBadRequest(b.get("/?page=0"), "page: '0' is not a page number from 1 to 100000");
        assertBadRequest(b.get("/date/2026-07-01?page=two"), "page: 'two' is not a page number from 1 to 100000");
        assertBadRequest(b.get("/trending?window=year"), "window: 'year' is not one of day, week, month");
    }

    private static void assertBadRequest(HttpResponse<String> r, String detail) {
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("<h1>400 · Bad Request</h1>", "<p>" + detail + "</p>");
    }

    @Test
    void pages_a_day_of_31_papers_30_at_a_time() {
        List<Paper> papers = new ArrayList<>();
        for (int i = 1; i <= 31; i++) {
            papers.add(paper(String.format("2607.%05d", i), "Paper " + i, JUL_1, i));
        }
        TestBrowser b = start(papers);

        HttpResponse<String> first = b.get("/date/2026-07-01");
        List<String> expected = new ArrayList<>();
        for (int i = 31; i >= 2; i--) {
            expected.add("Paper " + i);
        }
        assertThat(titles(first.body())).isEqualTo(expected);
        assertThat(first.body())
                .contains(
                        "<span class=\"where\">Page 1 of 2</span>",
                        "<a rel=\"next\" href=\"/date/2026-07-01?page=2\">Next page →</a>")
                .doesNotContain("rel=\"prev\"");

        HttpResponse<String> second = b.get("/date/2026-07-01?page=2");
        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(titles(second.body())).containsExactly("Paper 1");
        assertThat(second.body())
                .contains(
                        "<a rel=\"prev\" href=\"/date/2026-07-01\">← Previous page</a>",
                        "<span class=\"where\">Page 2 of 2</span>",
                        "<input type=\"hidden\" name=\"next\" value=\"/date/2026-07-01?page=2\">")
                .doesNotContain("rel=\"next\"");

        HttpResponse<String> third = b.get("/date/2026-07-01?page=3");
        assertThat(third.statusCode()).isEqualTo(404);
        assertThat(third.body()).contains("<p>page 3 is past the end: this feed has 2 pages</p>");
    }

    @Test
    void collapses_a_long_abstract_to_its_first_sentences_and_names_five_authors() {
        String sentence = "Retrieval models keep getting smaller while their quality holds up well. ";
        Paper p = PagePapers.standard().get(0).toBuilder()
                .abstractText(sentence.repeat(6))
                .build();
        String body = start(List.of(p)).get("/").body();
        String preview = sentence.repeat(3) + "Retrieval models keep getting smaller while their quality\u2026";
        assertThat(body)
                .contains(
                        "<details class=\"abstract\"><summary><span class=\"preview\">" + preview + "</span> "
                                + "<span class=\"more\">Show more</span><span class=\"less\">Show less</span></summary>"
                                + "<p>" + sentence.repeat(6).strip() + "</p></details>",
                        "<p class=\"authors\"><a class=\"author\" href=\"/search?author=Ada+Lovelace\">Ada Lovelace</a>,"
                                + " <a class=\"author\" href=\"/search?author=Alan+Turing\">Alan Turing</a>,"
                                + " <a class=\"author\" href=\"/search?author=Grace+Hopper\">Grace Hopper</a>,"
                                + " <a class=\"author\" href=\"/search?author=Edsger+Dijkstra\">Edsger Dijkstra</a>,"
                                + " <a class=\"author\" href=\"/search?author=Barbara+Liskov\">Barbara Liskov</a>"
                                + " and 2 more</p>",
                        "<ul class=\"tags\" aria-label=\"Categories\"><li>cs.IR</li><li>cs.CL</li></ul>",
                        "<span class=\"listed\">Listed <a href=\"/date/2026-07-01\"><time datetime=\"2026-07-01\">Jul 1,"
                                + " 2026</time></a></span>",
                        "<span class=\"links\"><a class=\"code\" href=\"https://github.com/example/tiny\">Code</a>"
                                + "<a href=\"https://arxiv.org/abs/2607.00001\">arXiv</a>"
                                + "<a href=\"https://arxiv.org/pdf/2607.00001\">PDF</a></span>");
    }

    @Test
    void shows_the_upvote_form_pressed_for_papers_the_visitor_upvoted() {
        TestBrowser b = start(PagePapers.standard());
        String cookie = PagePapers.voterCookie(site, "reader@example.org", "2607.00001");
        site.site.feed().invalidate();

        String body = b.get("/", "Cookie", cookie).body();
        String csrf = b.csrf();
        assertThat(body)
                .contains("<form method=\"post\" action=\"/papers/2607.00001/upvote\" class=\"upvote\">\n"
                        + "<input type=\"hidden\" name=\"_csrf\" value=\"" + csrf + "\">\n"
                        + "<input type=\"hidden\" name=\"next\" value=\"/\">\n"
                        + "<input type=\"hidden\" name=\"upvote\" value=\"false\">\n"
                        + "<button type=\"submit\" aria-pressed=\"true\" title=\"Take back your upvote\">"
                        + "<span class=\"arrow\" aria-hidden=\"true\">▲</span> <span class=\"count\">6</span>"
                        + "<span class=\"visually-hidden\"> upvotes</span></button>\n</form>")
                .contains("<form method=\"post\" action=\"/papers/2607.00003/upvote\" class=\"upvote\">\n"
                        + "<input type=\"hidden\" name=\"_csrf\" value=\"" + csrf + "\">\n"
                        + "<input type=\"hidden\" name=\"next\" value=\"/\">\n"
                        + "<input type=\"hidden\" name=\"upvote\" value=\"true\">\n"
                        + "<button type=\"submit\" aria-pressed=\"false\" title=\"Upvote this paper\">"
                        + "<span class=\"arrow\" aria-hidden=\"true\">▲</span> <span class=\"count\">9</span>"
                        + "<span class=\"visually-hidden\"> upvotes</span></button>\n</form>");
        // The vote makes 6: the paper passes the other one of 5 that had the newer id.
        assertThat(titles(body))
                .containsExactly(
                        "Graph neural networks for molecules",
                        "Dense retrieval with tiny embedding models",
                        "Sparse lexical ranking revisited");
    }

    @Test
    void ranks_trending_papers_by_upvotes_decayed_by_age() {
        TestBrowser b = start(List.of(
                paper("2607.00101", "Fresh with three votes", JUL_1, 3),
                paper("2606.00102", "Yesterday with six votes", JUN_30, 6),
                paper("2606.00103", "Last week with twenty votes", JUN_26, 20),
                paper("2606.00104", "Last month with a hundred votes", LocalDate.of(2026, 6, 5), 100)));

        HttpResponse<String> week = b.get("/trending");
        assertThat(week.statusCode()).isEqualTo(200);
        assertThat(titles(week.body()))
                .containsExactly("Fresh with three votes", "Yesterday with six votes", "Last week with twenty votes");
        assertThat(week.body())
                .contains(
                        "<nav class=\"tabs\" aria-label=\"Trending over\"><a href=\"/trending?window=day\">Latest day</a>"
                                + "<a href=\"/trending?window=week\" aria-current=\"page\">Past week</a>"
                                + "<a href=\"/trending?window=month\">Past month</a></nav>",
                        "<p class=\"summary\">3 papers listed from Jun 25, 2026 to Jul 1, 2026, "
                                + "ranked by upvotes decayed by age.</p>",
                        "<code>docs/feed.md</code>");

        assertThat(titles(b.get("/trending?window=day").body())).containsExactly("Fresh with three votes");
        assertThat(titles(b.get("/trending?window=month").body()))
                .containsExactly(
                        "Fresh with three votes",
                        "Yesterday with six votes",
                        "Last week with twenty votes",
                        "Last month with a hundred votes");
    }

    @Test
    void keeps_hidden_papers_out_of_the_feed() {
        TestBrowser b = start(PagePapers.standard());
        site.site.feedStore().setHidden("2607.00003", true);
        site.site.feed().invalidate();
        assertThat(titles(b.get("/").body()))
                .containsExactly("Sparse lexical ranking revisited", "Dense retrieval with tiny embedding models");
        assertThat(titles(b.get("/trending?window=day").body()))
                .containsExactly("Sparse lexical ranking revisited", "Dense retrieval with tiny embedding models");
    }

    @Test
    void offers_the_days_categories_as_chips_and_narrows_the_feed_to_the_chosen_one() {
        TestBrowser b = start(PagePapers.standard());
        String all = b.get("/").body();
        // July 1: cs.IR on two papers, cs.CL, cs.LG and q-bio.BM on one each (most first, then by name).
        assertThat(all)
                .contains("<nav class=\"chips\" aria-label=\"Filter by category\">\n"
                        + "<a href=\"/date/2026-07-01?category=all\" aria-current=\"page\">All</a>\n"
                        + "<a href=\"/date/2026-07-01?category=cs.IR\">cs.IR <span class=\"n\">2</span></a>\n"
                        + "<a href=\"/date/2026-07-01?category=cs.CL\">cs.CL <span class=\"n\">1</span></a>\n"
                        + "<a href=\"/date/2026-07-01?category=cs.LG\">cs.LG <span class=\"n\">1</span></a>\n"
                        + "<a href=\"/date/2026-07-01?category=q-bio.BM\">q-bio.BM <span class=\"n\">1</span></a>\n"
                        + "</nav>")
                .doesNotContain("class=\"filter-note\"");

        HttpResponse<String> ir = b.get("/date/2026-07-01?category=cs.IR");
        assertThat(ir.statusCode()).isEqualTo(200);
        assertThat(titles(ir.body()))
                .containsExactly("Sparse lexical ranking revisited", "Dense retrieval with tiny embedding models");
        assertThat(ir.body())
                .contains(
                        "<p class=\"summary\">2 papers in cs.IR, most upvoted first</p>",
                        "<a href=\"/date/2026-07-01?category=all\">All</a>",
                        "<a href=\"/date/2026-07-01?category=cs.IR\" aria-current=\"page\">cs.IR"
                                + " <span class=\"n\">2</span></a>",
                        "<p class=\"filter-note\" role=\"status\">Only papers in <strong>cs.IR</strong>",
                        "<a class=\"clear\" href=\"/date/2026-07-01?category=all\">Show every category</a>");
        // Any case finds the category, and the page names it as the papers spell it.
        assertThat(titles(b.get("/date/2026-07-01?category=CS.cl").body()))
                .containsExactly("Dense retrieval with tiny embedding models");
        assertThat(b.get("/date/2026-07-01?category=CS.cl").body())
                .contains("<p class=\"summary\">1 paper in cs.CL, most upvoted first</p>");
    }

    @Test
    void remembers_the_chosen_category_in_a_cookie_until_all_is_chosen() {
        TestBrowser b = start(PagePapers.standard());
        b.get("/date/2026-07-01?category=cs.LG");
        java.net.HttpCookie kept = b.rawCookie(FeedPreferences.CATEGORY_COOKIE);
        assertThat(kept.getValue()).isEqualTo("cs.LG");
        assertThat(kept.getPath()).isEqualTo("/");
        // Max-Age is read back from the expiry date, so a second may have passed.
        assertThat(kept.getMaxAge())
                .isBetween(FeedPreferences.REMEMBERED.toSeconds() - 60, FeedPreferences.REMEMBERED.toSeconds());

        // A new visit to the front page, to another day and to trending keeps the choice.
        assertThat(titles(b.get("/").body())).containsExactly("Graph neural networks for molecules");
        assertThat(titles(b.get("/week/2026-W27").body())).containsExactly("Graph neural networks for molecules");
        assertThat(titles(b.get("/trending?window=month").body()))
                .containsExactly("Graph neural networks for molecules");
        // A day without papers in the category says so and offers the rest.
        String june30 = b.get("/date/2026-06-30").body();
        assertThat(titles(june30)).isEmpty();
        assertThat(june30)
                .contains(
                        "<p class=\"empty-title\">No papers in cs.LG were listed on this day.</p>",
                        "<a href=\"/date/2026-06-30?category=all\">Show the papers of every category</a>",
                        "<a href=\"/date/2026-06-30?category=cs.LG\" aria-current=\"page\">cs.LG</a>");

        b.get("/?category=all");
        assertThat(b.cookie(FeedPreferences.CATEGORY_COOKIE)).isNull();
        assertThat(titles(b.get("/").body())).isEqualTo(JULY_1_BY_UPVOTES);
    }

    @Test
    void anonymous_visitors_with_other_choices_do_not_share_a_cached_page() {
        start(PagePapers.standard());
        TestBrowser lg = site.browser();
        TestBrowser everything = site.browser();
        lg.get("/?category=cs.LG&view=compact");
        assertThat(titles(lg.get("/").body())).containsExactly("Graph neural networks for molecules");
        assertThat(titles(everything.get("/").body())).isEqualTo(JULY_1_BY_UPVOTES);
        assertThat(lg.get("/").body()).contains("<section class=\"rows\" aria-label=\"Papers\">");
        assertThat(everything.get("/").body()).contains("<section class=\"cards\" aria-label=\"Papers\">");
    }

    @Test
    void pages_a_filtered_feed_with_the_category_in_the_links() {
        List<Paper> papers = new ArrayList<>();
        for (int i = 1; i <= 45; i++) {
            papers.add(paper(String.format("2607.%05d", i), "Paper " + i, JUL_1, i).toBuilder()
                    .categories(List.of(i % 5 == 0 ? "cs.CL" : "cs.LG"))
                    .build());
        }
        TestBrowser b = start(papers);
        String lg = b.get("/?category=cs.LG").body();
        assertThat(lg).contains("<p class=\"summary\">36 papers in cs.LG, most upvoted first</p>");
        assertThat(titles(lg)).hasSize(FeedPages.PAGE_SIZE);
        assertThat(lg).contains("<a rel=\"next\" href=\"/date/2026-07-01?category=cs.LG&amp;page=2\">");
        assertThat(titles(b.get("/date/2026-07-01?category=cs.LG&page=2").body()))
                .hasSize(36 - FeedPages.PAGE_SIZE);
        assertThat(titles(b.get("/?category=cs.CL").body()))
                .containsExactly(
                        "Paper 45",
                        "Paper 40",
                        "Paper 35",
                        "Paper 30",
                        "Paper 25",
                        "Paper 20",
                        "Paper 15",
                        "Paper 10",
                        "Paper 5");
    }

    @Test
    void shows_the_compact_list_when_chosen_and_remembers_it() {
        TestBrowser b = start(PagePapers.standard());
        String cards = b.get("/").body();
        assertThat(cards)
                .contains(
                        "<nav class=\"views layout\" aria-label=\"Layout\">"
                                + "<a href=\"/date/2026-07-01?view=cards\" aria-current=\"page\">Cards</a>"
                                + "<a href=\"/date/2026-07-01?view=compact\">Compact</a></nav>",
                        "<article class=\"card\">")
                .doesNotContain("<article class=\"row\">");

        String compact = b.get("/date/2026-07-01?view=compact").body();
        assertThat(b.cookie(FeedPreferences.VIEW_COOKIE)).isEqualTo("compact");
        assertThat(compact)
                .contains(
                        "<a href=\"/date/2026-07-01?view=compact\" aria-current=\"page\">Compact</a>",
                        "<article class=\"row\">")
                .doesNotContain("<article class=\"card\">", "class=\"abstract\"");
        assertThat(titles(compact)).isEqualTo(JULY_1_BY_UPVOTES);
        assertThat(b.get("/trending").body()).contains("<article class=\"row\">");

        b.get("/?view=cards");
        assertThat(b.cookie(FeedPreferences.VIEW_COOKIE)).isNull();
        assertThat(b.get("/").body()).contains("<article class=\"card\">");
    }

    @Test
    void refuses_a_malformed_category_or_view_with_a_400_and_ignores_a_malformed_cookie() {
        TestBrowser b = start(PagePapers.standard());
        HttpResponse<String> category = b.get("/?category=%3Cscript%3E");
        assertThat(category.statusCode()).isEqualTo(400);
        assertThat(category.body())
                .contains("category: '&lt;script&gt;' is not a category such as cs.CL, or all for every category");
        HttpResponse<String> view = b.get("/trending?view=tiles");
        assertThat(view.statusCode()).isEqualTo(400);
        assertThat(view.body()).contains("view: 'tiles' is not one of cards, compact");

        HttpResponse<String> odd = b.get(
                "/", "Cookie", FeedPreferences.CATEGORY_COOKIE + "=%3Cb%3E; " + FeedPreferences.VIEW_COOKIE + "=huge");
        assertThat(odd.statusCode()).isEqualTo(200);
        assertThat(titles(odd.body())).isEqualTo(JULY_1_BY_UPVOTES);
        assertThat(odd.body()).contains("<article class=\"card\">");
    }
}
