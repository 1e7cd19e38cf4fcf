package org.paperboy.search.lucene;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.paperboy.paper.HtmlEscape;
import org.paperboy.search.SearchSettings;

class HtmlHighlighterTest {

    private static final Analyzer ANALYZER = PaperSchema.analyzer();
    private static final HtmlHighlighter HIGHLIGHTER = new HtmlHighlighter(60);

    @AfterAll
    static void close() {
        ANALYZER.close();
    }

    private static CharArraySet terms(String query) {
        return HtmlHighlighter.charSet(
                LexicalQuery.of(query, ANALYZER, SearchSettings.DEFAULT).highlightTerms());
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

    @Test
    void a_snippet_never_cuts_a_formula_in_half() {
        // The 60-character window would end at a space inside the formula: it takes the formula's end.
        String text = "A lower bound on support sizes of order $O(n \\log n + m \\log m)$ for n trials and more words";
        assertThat(HIGHLIGHTER.snippet(text, terms("bound")))
                .isEqualTo("A lower <mark>bound</mark> on support sizes of order $O(n \\log n + m \\log m)$\u2026");

        // A window that would start inside a formula's last characters starts after it.
        String late = "We prove $x_1 + x_2 = y$ tight and then many more words about trials and errors and bounds";
        assertThat(HIGHLIGHTER.snippet(late, terms("bounds"))).doesNotContain("$");
    }

    /**
     * The highlighter skips words by their first letter before stemming; it must mark exactly the
     * words the index's analyzer turns into a query term. Words whose stems differ most from them
     * (suffixes Porter rewrites, possessives, capitals, accents, digits, stop words), in random texts.
     */
    @Test
    void marks_exactly_what_the_index_analyzer_matches() throws IOException {
        String[] words = {
            "generalization",
            "generalize",
            "relational",
            "relate",
            "conditional",
            "hopping",
            "hop",
            "filing",
            "file",
            "agreed",
            "agree",
            "happiness",
            "happy",
            "ties",
            "dies",
            "caresses",
            "ponies",
            "running",
            "retrieval",
            "retrieving",
            "the",
            "it's",
            "John's",
            "JOHN",
            "U.S.A.",
            "3D",
            "x86",
            "2024",
            "École",
            "ecole",
            "Über",
            "naïve",
            "e-mail",
            "sensitivities",
            "sensitive",
            "electrical",
            "electricity",
            "adjustment",
            "adjust",
            "yes",
            "y",
            "is",
            "sky",
            "skies",
            "controlling",
            "control",
            "œuvre",
            "ß"
        };
        SplittableRandom random = new SplittableRandom(7);
        for (int n = 0; n < 2_000; n++) {
            StringBuilder text = new StringBuilder();
            for (int k = random.nextInt(3, 25); k > 0; k--) {
                text.append(words[random.nextInt(words.length)]).append(random.nextInt(6) == 0 ? ", " : " ");
            }
            Set<String> query = new HashSet<>();
            for (int k = random.nextInt(1, 6); k > 0; k--) {
                query.addAll(analyzed(words[random.nextInt(words.length)]));
            }
            CharArraySet marked = HtmlHighlighter.charSet(query);
            String t = text.toString().strip();
            assertThat(HIGHLIGHTER.whole(t, marked)).as("%s for %s", t, query).isEqualTo(reference(t, query));
        }
    }

    private static List<String> analyzed(String text) throws IOException {
        List<String> out = new ArrayList<>();
        try (TokenStream stream = ANALYZER.tokenStream(PaperSchema.TEXT, text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                out.add(term.toString());
            }
            stream.end();
        }
        return out;
    }

    /** {@code text} with the words the index analyzer makes a term of {@code query} marked, the plain way. */
    private static String reference(String text, Set<String> query) throws IOException {
        StringBuilder out = new StringBuilder();
        int at = 0;
        try (TokenStream stream = ANALYZER.tokenStream(PaperSchema.TEXT, text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            OffsetAttribute offset = stream.addAttribute(OffsetAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                if (query.contains(term.toString())) {
                    out.append(HtmlEscape.escape(text.substring(at, offset.startOffset())))
                            .append(HtmlHighlighter.OPEN)
                            .append(HtmlEscape.escape(text.substring(offset.startOffset(), offset.endOffset())))
                            .append(HtmlHighlighter.CLOSE);
                    at = offset.endOffset();
                }
            }
            stream.end();
        }
        return out.append(HtmlEscape.escape(text.substring(at))).toString();
    }
}
