package org.paperboy.search.lucene;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.paperboy.search.SearchSettings;

class HtmlHighlighterTest {

    private static final Analyzer ANALYZER = PaperSchema.analyzer();
    private static final HtmlHighlighter HIGHLIGHTER = new HtmlHighlighter(ANALYZER, 60);

    @AfterAll
    static void close() {
        ANALYZER.close();
    }

    private static CharArraySet terms(String query) {
        return HtmlHighlighter.charSet(
                LexicalQuery.of(query, ANALYZER, SearchSettings.DEFAULT).highlightTerms());
    }

    @Test
    void escapes_the_five_html_characters() {
        assertThat(HtmlHighlighter.escape("<a href=\"x\">Tom & Jerry's</a>"))
                .isEqualTo("&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;");
    }

    @Test
    void marks_every_form_of_a_stemmed_query_word() {
        assertThat(HIGHLIGHTER.whole("Dense retrieval by retrieving passages", terms("retrieve")))
                .isEqualTo("Dense <mark>retrieval</mark> by <mark>retrieving</mark> passages");
    }

    @Test
    void escapes_markup_in_the_text_before_marking_it() {
        assertThat(HIGHLIGHTER.whole("<script>alert('x')</script> Escaping", terms("script escaping")))
                .isEqualTo(
                        "&lt;<mark>script</mark>&gt;alert(&#39;x&#39;)&lt;/<mark>script</mark>&gt; <mark>Escaping</mark>");
    }

    @Test
    void never_marks_stop_words() {
        assertThat(HIGHLIGHTER.whole("The art of the search", terms("the art of search")))
                .isEqualTo("The <mark>art</mark> of the <mark>search</mark>");
    }

    @Test
    void a_short_text_is_its_own_snippet() {
        assertThat(HIGHLIGHTER.snippet("Graphs & nearest neighbours", terms("graph")))
                .isEqualTo("<mark>Graphs</mark> &amp; nearest neighbours");
    }

    @Test
    void a_long_text_is_cut_around_the_densest_matches_at_spaces() {
        String text = "One two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen"
                + " sixteen seventeen eighteen nineteen quantized vectors twenty twenty-one twenty-two";

        assertThat(HIGHLIGHTER.snippet(text, terms("quantized vectors")))
                .isEqualTo("\u2026sixteen seventeen eighteen nineteen <mark>quantized</mark> <mark>vectors</mark>"
                        + " twenty\u2026");
    }

    @Test
    void without_a_match_the_snippet_is_the_start_of_the_text() {
        String text = "Alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron pi";

        assertThat(HIGHLIGHTER.snippet(text, HtmlHighlighter.charSet(Set.of())))
                .isEqualTo("Alpha beta gamma delta epsilon zeta eta theta iota kappa\u2026");
    }

    @Test
    void a_word_longer_than_the_snippet_is_cut_without_splitting_a_surrogate_pair() {
        String text = "x".repeat(59) + "\uD835\uDC00" + "y".repeat(20);

        String snippet = HIGHLIGHTER.snippet(text, HtmlHighlighter.charSet(Set.of()));

        assertThat(snippet).isEqualTo("x".repeat(59) + "\u2026");
    }
}
