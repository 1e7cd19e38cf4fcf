package org.paperboy.paper;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HtmlEscapeTest {

    @Test
    void escapes_the_five_html_characters_and_nothing_else() {
        assertThat(HtmlEscape.escape("<a href=\"x\">Tom & Jerry's</a> ö ∑"))
                .isEqualTo("&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt; ö ∑");
    }

    @Test
    void text_without_special_characters_comes_back_as_it_is() {
        String plain = "Graph neighbours, 3.5% faster";
        assertThat(HtmlEscape.escape(plain)).isSameAs(plain);
        assertThat(HtmlEscape.escape("&x<")).isEqualTo("&amp;x&lt;");
    }

    @Test
    void escapes_a_range_onto_what_is_there() {
        StringBuilder out = new StringBuilder("<b>");
        HtmlEscape.escape("x<y&z", 1, 4, out);
        assertThat(out).hasToString("<b>&lt;y&amp;");
    }
}
