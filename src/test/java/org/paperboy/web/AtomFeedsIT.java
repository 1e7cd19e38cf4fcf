package org.paperboy.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperboy.paper.Author;
import org.paperboy.paper.Paper;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/** The Atom feeds, read back with a namespace-aware DOM parser. */
class AtomFeedsIT {

    private static final String ATOM = "http://www.w3.org/2005/Atom";
    private static final String BASE = "https://papers.example.org";

    /** Markup, quotes, an ampersand and characters XML cannot carry, in every text field. */
    static final Paper EVIL = Paper.builder("2607.00009")
            .title("<script>alert('x')</script> & \"Quoted\" \u0007Bell\uFFFF")
            .abstractText("Ends the summary early: </summary></entry> & <b>bold</b> \u0001.")
            .authors(List.of(new Author("Mallory <mallory@example.org> & \"Eve\"")))
            .categories(List.of("cs.CR"))
            .listedOn(LocalDate.of(2026, 7, 1))
            .build();

    /** Matches "dense retrieval" well, but was listed more than 30 days before the latest day. */
    static final Paper OLD = Paper.builder("2605.00001")
            .title("Dense Retrieval, Dense Retrieval")
            .abstractText("Dense retrieval of dense retrieval papers.")
            .listedOn(LocalDate.of(2026, 5, 1))
            .build();

    @TempDir
    Path dir;

    TestSite site;

    @BeforeEach
    void start() {
        site = ApiFixtures.site(TestSite.builder(dir).config("PAPERBOY_BASE_URL", BASE + "/"), EVIL, OLD);
    }

    @AfterEach
    void stop() {
        site.close();
    }

    private Element feed(String path) throws Exception {
        HttpResponse<String> r = site.browser().get(path);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/atom+xml;charset=utf-8");
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        Element root = f.newDocumentBuilder()
                .parse(new ByteArrayInputStream(r.body().getBytes(StandardCharsets.UTF_8)))
                .getDocumentElement();
        assertThat(root.getNamespaceURI()).isEqualTo(ATOM);
        assertThat(root.getLocalName()).isEqualTo("feed");
        return root;
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e
                    && ATOM.equals(e.getNamespaceURI())
                    && e.getLocalName().equals(name)) {
                out.add(e);
            }
        }
        return out;
    }

    private static String text(Element parent, String name) {
        return children(parent, name).get(0).getTextContent();
    }

    private static String link(Element parent, String rel, String type) {
        return children(parent, "link").stream()
                .filter(l -> l.getAttribute("rel").equals(rel)
                        && l.getAttribute("type").equals(type))
                .map(l -> l.getAttribute("href"))
                .findFirst()
                .orElse(null);
    }

    private static List<String> entryIds(Element feed) {
        return children(feed, "entry").stream().map(e -> text(e, "id")).toList();
    }

    @Test
    void serves_the_latest_day_as_a_valid_atom_feed_with_absolute_links() throws Exception {
        Element feed = feed("/feed.atom");

        assertThat(text(feed, "id")).isEqualTo(BASE + "/feed.atom");
        assertThat(text(feed, "title")).isEqualTo("Paperboy · Papers of Wednesday, July 1, 2026");
        assertThat(text(feed, "updated")).isEqualTo("2026-07-01T00:00:00Z");
        assertThat(link(feed, "self", "application/atom+xml")).isEqualTo(BASE + "/feed.atom");
        assertThat(link(feed, "alternate", "text/html")).isEqualTo(BASE + "/");
        assertThat(text(children(feed, "author").get(0), "name")).isEqualTo("Paperboy");
        assertThat(entryIds(feed))
                .containsExactly(BASE + "/papers/2607.00001", BASE + "/papers/2607.00002", BASE + "/papers/2607.00009");

        Element hybrid = children(feed, "entry").get(0);
        assertThat(text(hybrid, "title")).isEqualTo("Hybrid Retrieval with Lexical and Dense Signals");
        assertThat(text(hybrid, "updated")).isEqualTo("2026-07-01T00:00:00Z");
        assertThat(text(hybrid, "published")).isEqualTo("2026-06-30T00:00:00Z");
        assertThat(link(hybrid, "alternate", "text/html")).isEqualTo(BASE + "/papers/2607.00001");
        assertThat(link(hybrid, "related", "application/pdf")).isEqualTo("https://arxiv.org/pdf/2607.00001");
        assertThat(children(hybrid, "author").stream().map(a -> text(a, "name")))
                .containsExactly("Ada Lovelace", "Alan Turing");
        assertThat(children(hybrid, "category").stream().map(c -> c.getAttribute("term")))
                .containsExactly("cs.IR", "cs.CL");
        Element summary = children(hybrid, "summary").get(0);
        assertThat(summary.getAttribute("type")).isEqualTo("text");
        assertThat(summary.getTextContent())
                .isEqualTo("We fuse BM25 rankings with dense vector retrieval for scientific papers.");
    }

    @Test
    void escapes_markup_and_drops_characters_xml_cannot_carry() throws Exception {
        Element evil = children(feed("/feed.atom"), "entry").get(2);

        assertThat(text(evil, "title")).isEqualTo("<script>alert('x')</script> & \"Quoted\" Bell");
        assertThat(text(evil, "summary")).isEqualTo("Ends the summary early: </summary></entry> & <b>bold</b> .");
        assertThat(text(children(evil, "author").get(0), "name")).isEqualTo("Mallory <mallory@example.org> & \"Eve\"");
        assertThat(children(evil, "published").stream().map(Element::getTextContent))
                .containsExactly("2026-07-01T00:00:00Z");
        assertThat(site.browser().get("/feed.atom").body())
                .contains("&lt;script&gt;alert('x')&lt;/script&gt; &amp;")
                .doesNotContain("<script>", "\u0007", "\uFFFF");
    }

    @Test
    void serves_a_chosen_day() throws Exception {
        Element feed = feed("/feed.atom?date=2026-06-30");

        assertThat(text(feed, "id")).isEqualTo(BASE + "/feed.atom?date=2026-06-30");
        assertThat(text(feed, "title")).isEqualTo("Paperboy · Papers of Tuesday, June 30, 2026");
        assertThat(link(feed, "alternate", "text/html")).isEqualTo(BASE + "/date/2026-06-30");
        assertThat(entryIds(feed)).containsExactly(BASE + "/papers/hep-th/9901001");
    }

    @Test
    void serves_an_empty_feed_for_a_day_without_papers() throws Exception {
        Element feed = feed("/feed.atom?date=2026-01-01");

        assertThat(entryIds(feed)).isEmpty();
        assertThat(text(feed, "updated")).isEqualTo("2026-07-02T12:00:00Z");
    }

    @Test
    void refuses_a_bad_date_with_400() {
        HttpResponse<String> r = site.browser().get("/feed.atom?date=yesterday");

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("<p>date: 'yesterday' is not a day YYYY-MM-DD, e.g. 2026-06-30</p>");
    }

    @Test
    void serves_the_trending_week_and_other_windows() throws Exception {
        Element week = feed("/trending.atom");
        Element day = feed("/trending.atom?window=day");

        assertThat(text(week, "id")).isEqualTo(BASE + "/trending.atom");
        assertThat(text(week, "title")).isEqualTo("Paperboy · Trending this week");
        assertThat(link(week, "alternate", "text/html")).isEqualTo(BASE + "/trending?window=week");
        assertThat(entryIds(week))
                .containsExactly(
                        BASE + "/papers/2607.00001",
                        BASE + "/papers/2607.00002",
                        BASE + "/papers/2607.00009",
                        BASE + "/papers/hep-th/9901001");
        assertThat(text(day, "id")).isEqualTo(BASE + "/trending.atom?window=day");
        assertThat(entryIds(day)).hasSize(3);
        assertThat(site.browser().get("/trending.atom?window=year").statusCode())
                .isEqualTo(400);
    }

    @Test
    void serves_a_saved_search_of_the_last_thirty_days_newest_first() throws Exception {
        Element feed = feed("/search.atom?q=dense+retrieval");

        assertThat(text(feed, "id")).isEqualTo(BASE + "/search.atom?q=dense+retrieval");
        assertThat(text(feed, "title")).isEqualTo("Paperboy · Search: dense retrieval");
        assertThat(link(feed, "alternate", "text/html")).isEqualTo(BASE + "/search?q=dense+retrieval");
        List<String> ids = entryIds(feed);
        assertThat(ids.get(0)).isEqualTo(BASE + "/papers/2607.00001");
        assertThat(ids).doesNotContain(BASE + "/papers/2605.00001", BASE + "/papers/2607.00004");
        List<String> listed = children(feed, "entry").stream()
                .map(e -> site.papers
                        .find(text(e, "id").substring((BASE + "/papers/").length()))
                        .orElseThrow()
                        .listedOn()
                        .toString())
                .toList();
        assertThat(listed).isSortedAccordingTo(java.util.Comparator.reverseOrder());
    }

    @Test
    void a_saved_search_keeps_the_category_code_and_author_of_the_search_page() throws Exception {
        String page = site.browser().get("/search?author=Grace+Hopper").body();
        assertThat(page).contains("href=\"/search.atom?author=Grace+Hopper\"");

        Element byAuthor = feed("/search.atom?author=Grace+Hopper");
        assertThat(text(byAuthor, "title")).isEqualTo("Paperboy · Papers by Grace Hopper");
        assertThat(link(byAuthor, "alternate", "text/html")).isEqualTo(BASE + "/search?author=Grace+Hopper");
        assertThat(entryIds(byAuthor)).containsExactly(BASE + "/papers/2607.00002");

        assertThat(entryIds(feed("/search.atom?q=dense+retrieval&category=cs.IR&code=1")))
                .containsExactly(BASE + "/papers/2607.00001");
        assertThat(entryIds(feed("/search.atom?q=dense+retrieval&category=cs.LG")))
                .doesNotContain(BASE + "/papers/2607.00001");
        assertThat(site.browser().get("/search.atom?q=x&code=maybe").statusCode())
                .isEqualTo(400);
    }

    @Test
    void refuses_a_saved_search_without_a_query() {
        assertThat(site.browser().get("/search.atom").statusCode()).isEqualTo(400);
    }
}
