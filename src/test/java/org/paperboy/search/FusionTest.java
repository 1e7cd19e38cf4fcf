package org.paperboy.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class FusionTest {

    private static final List<ScoredId> LEXICAL = List.of(s("a", 10), s("b", 6), s("c", 2));
    private static final List<ScoredId> DENSE = List.of(s("c", 0.9), s("a", 0.5), s("d", 0.1));

    private static ScoredId s(String id, double score) {
        return new ScoredId(id, score);
    }

    private static List<String> ids(List<ScoredId> ranked) {
        return ranked.stream().map(ScoredId::id).toList();
    }

    @Test
    void min_max_scales_each_list_and_weights_dense_by_alpha() {
        // lexical normalized: a 1, b 0.5, c 0; dense: c 1, a 0.5, d 0.
        List<ScoredId> fused = Fusion.MIN_MAX.fuse(LEXICAL, DENSE, 0.4);

        assertThat(ids(fused)).containsExactly("a", "c", "b", "d");
        assertThat(fused.get(0).score()).isCloseTo(0.4 * 0.5 + 0.6 * 1, within(1e-12));
        assertThat(fused.get(1).score()).isCloseTo(0.4 * 1 + 0.6 * 0, within(1e-12));
        assertThat(fused.get(2).score()).isCloseTo(0.6 * 0.5, within(1e-12));
        assertThat(fused.get(3).score()).isCloseTo(0, within(1e-12));
    }

    @Test
    void reciprocal_rank_fusion_sums_one_over_sixty_plus_rank() {
        List<ScoredId> fused = Fusion.RRF.fuse(LEXICAL, DENSE, 0.4);

        // a: 1/61 + 1/62 = 0.032522; c: 1/63 + 1/61 = 0.032266; b: 1/62; d: 1/63.
        assertThat(ids(fused)).containsExactly("a", "c", "b", "d");
        assertThat(fused.get(0).score()).isCloseTo(1.0 / 61 + 1.0 / 62, within(1e-12));
        assertThat(fused.get(1).score()).isCloseTo(1.0 / 63 + 1.0 / 61, within(1e-12));
        assertThat(fused.get(2).score()).isCloseTo(1.0 / 62, within(1e-12));
        assertThat(fused.get(3).score()).isCloseTo(1.0 / 63, within(1e-12));
    }

    @Test
    void reciprocal_rank_fusion_breaks_ties_by_id() {
        List<ScoredId> fused = Fusion.RRF.fuse(List.of(s("z", 3)), List.of(s("y", 9)), 0.5);

        assertThat(ids(fused)).containsExactly("y", "z");
    }

    @Test
    void alpha_zero_gives_the_lexical_order_followed_by_papers_only_dense_found() {
        assertThat(ids(Fusion.MIN_MAX.fuse(LEXICAL, DENSE, 0))).containsExactly("a", "b", "c", "d");
    }

    @Test
    void alpha_one_gives_the_dense_order_followed_by_papers_only_lexical_found() {
        assertThat(ids(Fusion.MIN_MAX.fuse(LEXICAL, DENSE, 1))).containsExactly("c", "a", "d", "b");
    }

    @Test
    void a_list_of_equal_scores_normalizes_to_one() {
        List<ScoredId> fused = Fusion.MIN_MAX.fuse(List.of(s("a", 3), s("b", 3)), List.of(), 0.5);

        assertThat(fused).containsExactly(s("a", 0.5), s("b", 0.5));
    }

    @Test
    void empty_lists_fuse_to_nothing() {
        assertThat(Fusion.MIN_MAX.fuse(List.of(), List.of(), 0.5)).isEmpty();
        assertThat(Fusion.RRF.fuse(List.of(), List.of(), 0.5)).isEmpty();
    }

    @Test
    void refuses_alpha_outside_zero_to_one() {
        assertThatThrownBy(() -> Fusion.MIN_MAX.fuse(LEXICAL, DENSE, 1.5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("alpha: 1.5 is not within 0..1");
        assertThatThrownBy(() -> Fusion.MIN_MAX.fuse(LEXICAL, DENSE, Double.NaN))
                .hasMessage("alpha: NaN is not within 0..1");
    }

    @Test
    void parses_the_names_the_cli_accepts() {
        assertThat(Fusion.parse("min-max")).isEqualTo(Fusion.MIN_MAX);
        assertThat(Fusion.parse("MINMAX")).isEqualTo(Fusion.MIN_MAX);
        assertThat(Fusion.parse(" rrf ")).isEqualTo(Fusion.RRF);
        assertThatThrownBy(() -> Fusion.parse("sum"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("fusion: 'sum' is not one of min-max, rrf");
    }
}
