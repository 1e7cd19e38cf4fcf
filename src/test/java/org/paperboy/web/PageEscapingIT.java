package org.paperboy.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.paperboy.web.PagePapers.JUL_1;
import static org.paperboy.web.PagePapers.XSS;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperboy.paper.Author;
import org.paperboy.paper.Paper;

/** A paper whose text is markup renders as text on every page that shows it. */
class PageEscapingIT {

    private static final Paper HOSTILE = Paper.builder("2607.00666")
            .title("Evil " + XSS + " title")
            .abstractText(("Abstract " + XSS + " with enough words to be cut in the card. ").repeat(8))
            .authors(List.of(new Author(XSS + " Mallory"), new Author("O'Brien \"Q\" </textarea>")))
            .categories(List.of("cs.CR"))
            .listedOn(JUL_1)
            .comment(XSS)
            .journalRef(XSS)
            .build();

    private static final String RAW_SCRIPT = "<script>alert(1)";
    private static final String ESCAPED_SCRIPT = "&lt;script&gt;alert(1)&lt;/script&gt;";

    @TempDir
    Path dir;

    TestSite site;

    @BeforeEach
    void start() {
        site = TestSite.builder(dir).papers(List.of(HOSTILE)).start();
    }

    @AfterEach
    void stop() {
        site.close();
    }

    @Test
    void renders_markup_in_a_paper_as_text_on_the_feed() {
        assertInert(site.browser().get("/"));
    }

    @Test
    void renders_markup_in_a_paper_as_text_on_its_page() {
        HttpResponse<String> r = site.browser().get("/papers/2607.00666");
        assertInert(r);
        assertThat(r.body())
                .contains(
                        "<title>Evil " + ESCAPED_SCRIPT
                                + " \"quoted\" 'single' &lt;/textarea&gt; title · Paperboy</title>",
                        "<dt>Comment</dt><dd>" + ESCAPED_SCRIPT + " \"quoted\" 'single' &lt;/textarea&gt;</dd>");
    }

    @Test
    void renders_markup_in_a_paper_as_text_in_search_results() {
        HttpResponse<String> r = site.browser().get("/search?q=evil+alert");
        assertInert(r);
        assertThat(PagePapers.titles(r.body()))
                .containsExactly(
                        "<mark>Evil</mark> &lt;script&gt;<mark>alert</mark>(1)&lt;/script&gt; &quot;quoted&quot;"
                                + " &#39;single&#39; &lt;/textarea&gt; title");
    }

    @Test
    void renders_markup_in_the_query_as_text() {
        HttpResponse<String> r = site.browser().get("/search?q=%3Cscript%3Ealert(1)%3C/script%3E");
        assertInert(r);
        assertThat(r.body())
                .contains(
                        "<h1>Results for “" + ESCAPED_SCRIPT + "”</h1>",
                        // in an attribute value, < and quotes are what must be escaped
                        "<input id=\"search-q\" name=\"q\" type=\"search\" value=\"&lt;script>alert(1)&lt;/script>\"");
    }

    private static void assertInert(HttpResponse<String> r) {
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).doesNotContain(RAW_SCRIPT, "</textarea>").contains(ESCAPED_SCRIPT, "&lt;/textarea&gt;");
    }
}
