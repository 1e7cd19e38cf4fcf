package org.paperboy.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CardViewTest {

    @Test
    void the_abstract_preview_is_cut_at_a_space_outside_formulas() {
        String words = "word ".repeat(54); // 270 characters
        String text = words + "then $a + b + c + d + e + f + g + h$ and " + "more ".repeat(40);

        // The cut at a space near 280 falls inside the formula, nearer its start: the preview ends before it.
        assertThat(CardView.preview(text)).isEqualTo(words + "then\u2026");
        assertThat(CardView.preview("word ".repeat(80)))
                .isEqualTo("word ".repeat(56).strip() + "\u2026");
    }
}
