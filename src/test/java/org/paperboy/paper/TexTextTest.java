package org.paperboy.paper;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TexTextTest {

    @Test
    void turns_text_commands_into_plain_text() {
        assertThat(TexText.plain("gains of \\textbf{33.7\\%} over \\emph{all} baselines \\cite{smith2020}"))
                .isEqualTo("gains of 33.7% over all baselines ");
        assertThat(TexText.plain("\\textit{e.g.}, {\\bf Bold} and \\texttt{code\\_name} \\& more"))
                .isEqualTo("e.g., Bold and code_name & more");
        assertThat(TexText.plain("see \\href{https://example.org}{our site} and \\url{https://x.org}"))
                .isEqualTo("see our site and https://x.org");
    }

    @Test
    void writes_accents_as_letters() {
        assertThat(TexText.plain("Schr\\\"odinger, G\\'{e}rard and na\\\"{\\i}ve"))
                .startsWith("Schrödinger, Gérard");
    }

    @Test
    void writes_math_with_unicode_symbols_in_plain_text() {
        assertThat(TexText.plain("runs in $O(n^2)$ time")).isEqualTo("runs in O(n²) time");
        assertThat(TexText.plain("$\\alpha \\leq 0.5$ and $\\frac{1}{2}$ and $90^\\circ$"))
                .isEqualTo("α ≤ 0.5 and 1/2 and 90°");
        assertThat(TexText.plain("a $\\textbf{MagicID}$ model over $\\mathbb{R}^{d}$ with $x_{i,j}$"))
                .isEqualTo("a MagicID model over ℝ^d with x_(i,j)");
        assertThat(TexText.plain("about \\(10\\times\\) faster")).isEqualTo("about 10× faster");
    }

    @Test
    void keeps_formulas_for_the_page_and_escapes_everything() {
        assertThat(TexText.html("\\textbf{Fast} <b> in $O(n^2)$ & \\$5", false))
                .isEqualTo("Fast &lt;b&gt; in <span class=\"math\">$O(n^2)$</span> &amp; $5");
        assertThat(TexText.html("$a<b$", false)).isEqualTo("<span class=\"math\">$a&lt;b$</span>");
    }

    @Test
    void passes_highlighting_tags_through_and_marks_a_formula_whole() {
        assertThat(TexText.html("\\textbf{<mark>Fast</mark>} &amp; \\&quot;o in $O(<mark>n</mark>)$", true))
                .isEqualTo("<mark>Fast</mark> &amp; ö in <mark><span class=\"math\">$O(n)$</span></mark>");
        assertThat(TexText.html("in $O(n)$ and <mark>time</mark>", true))
                .isEqualTo("in <span class=\"math\">$O(n)$</span> and <mark>time</mark>");
        // A highlight that began before the formula keeps its tags where they were.
        assertThat(TexText.html("<mark>in $O(n</mark>)$", true))
                .isEqualTo("<mark>in <span class=\"math\">$O(n</mark>)$</span>");
    }

    @Test
    void a_cut_moves_to_the_nearer_edge_of_the_formula_it_falls_in() {
        String text = "cost $O(n \\log n)$ and \\(a+b\\) paid \\$5 or $6";
        assertThat(TexText.cut(text, 2, 0)).isEqualTo(2); // outside
        assertThat(TexText.cut(text, 7, 0)).isEqualTo(5); // just inside "$O(": back to the "$"
        assertThat(TexText.cut(text, 17, 0)).isEqualTo(18); // on the closing "$": past it
        assertThat(TexText.cut(text, 7, 5)).isEqualTo(18); // the start edge is the floor: the far edge
        assertThat(TexText.cut(text, 26, 0)).isEqualTo(23); // inside \\( \\)
        assertThat(TexText.cut(text, 44, 0)).isEqualTo(44); // "\\$5 or $6": an escaped dollar, no formula
        assertThat(TexText.cut("plain text", 4, 0)).isEqualTo(4);
    }

    @Test
    void leaves_a_lone_dollar_and_unbalanced_braces_as_written() {
        assertThat(TexText.plain("costs $5 {and} more}")).isEqualTo("costs $5 {and} more}");
        assertThat(TexText.hasMath("costs $5")).isFalse();
        assertThat(TexText.hasMath("in $O(n)$")).isTrue();
        assertThat(TexText.plain("an \\unknownmacro here")).isEqualTo("an unknownmacro here");
        assertThat(TexText.plain("ends with \\")).isEqualTo("ends with \\");
    }

    @Test
    void text_without_tex_takes_the_short_path_to_the_same_html() {
        // The characters that matter to escaping, tags and entities, plus letters, accents (one
        // decomposed, so NFC has work to do), an astral character and spaces; never $ \ { }.
        String[] pieces = {
            "a",
            "Z",
            " ",
            "&",
            ";",
            "<",
            ">",
            "\"",
            "'",
            "&amp;",
            "&lt;",
            "&gt;",
            "&quot;",
            "&#39;",
            "&apos;",
            "&#34;",
            "&nbsp;",
            "&unknownentity;",
            "<mark>",
            "</mark>",
            "é",
            "e\u0301",
            "\uD835\uDD3C",
            "\u2026",
            "x&y"
        };
        SplittableRandom random = new SplittableRandom(13);
        for (int n = 0; n < 5_000; n++) {
            StringBuilder text = new StringBuilder();
            for (int k = random.nextInt(12); k >= 0; k--) {
                text.append(pieces[random.nextInt(pieces.length)]);
            }
            String t = text.toString();
            assertThat(TexText.html(t, false)).as("plain %s", t).isEqualTo(TexText.scanned(t, false));
            assertThat(TexText.html(t, true)).as("escaped %s", t).isEqualTo(TexText.scanned(t, true));
        }
        assertThat(TexText.html("a <b> & \"c\" e\u0301", false)).isEqualTo("a &lt;b&gt; &amp; &quot;c&quot; \u00e9");
        assertThat(TexText.html("<mark>x</mark> &amp; &apos;", true)).isEqualTo("<mark>x</mark> &amp; &#39;");
    }
}
