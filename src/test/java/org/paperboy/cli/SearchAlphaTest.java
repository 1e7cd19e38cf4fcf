package org.paperboy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The hybrid dense weight follows the embedder, as chosen on SciFact's train split. */
class SearchAlphaTest {

    @Test
    void bge_small_weighs_the_dense_side_more_than_minilm_and_the_student() {
        assertThat(Main.searchAlpha("minilm")).isEqualTo(0.4);
        assertThat(Main.searchAlpha("bge-small")).isEqualTo(0.6);
        assertThat(Main.searchAlpha("student")).isEqualTo(0.4);
    }
}
