package org.paperboy.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SearchRequestTest {

    @Test
    void fills_in_fusion_and_filters_when_null() {
        SearchRequest r = new SearchRequest("q", null, SearchMode.BM25, null, 0.5, null, 0, 10, false);

        assertThat(r.fusion()).isEqualTo(Fusion.MIN_MAX);
        assertThat(r.filters()).isEqualTo(Filters.NONE);
    }

    @Test
    void refuses_a_negative_offset() {
        assertThatThrownBy(() -> SearchRequest.bm25("q").withPage(-1, 10))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("offset: -1 is negative");
    }

    @Test
    void refuses_a_limit_under_one() {
        assertThatThrownBy(() -> SearchRequest.bm25("q").withPage(0, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("limit: 0 is not at least 1");
    }

    @Test
    void refuses_pages_beyond_the_deepest_result() {
        assertThatThrownBy(() -> SearchRequest.bm25("q").withPage(9_995, 10))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("offset + limit: 10005 is over the maximum of 10000");
        assertThatThrownBy(() -> SearchRequest.bm25("q").withPage(Integer.MAX_VALUE, 10))
                .hasMessage("offset + limit: 2147483657 is over the maximum of 10000");
    }

    @Test
    void refuses_alpha_outside_zero_to_one() {
        assertThatThrownBy(() -> SearchRequest.bm25("q").withFusion(Fusion.MIN_MAX, -0.1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("alpha: -0.1 is not within 0..1");
    }

    @Test
    void parses_modes_in_any_case() {
        assertThat(SearchMode.parse("Hybrid")).isEqualTo(SearchMode.HYBRID);
        assertThat(SearchMode.BM25.key()).isEqualTo("bm25");
        assertThatThrownBy(() -> SearchMode.parse("semantic"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("mode: 'semantic' is not one of bm25, dense, hybrid");
    }

    @Test
    void blank_filter_values_mean_any() {
        Filters f = new Filters(" ", true, null, null, "", null);

        assertThat(f.category()).isNull();
        assertThat(f.author()).isNull();
        assertThat(f.isEmpty()).isTrue();
    }

    @Test
    void settings_refuse_a_bm25_that_searches_no_text() {
        assertThatThrownBy(() -> SearchSettings.DEFAULT.withWeights(0, 0, 0, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("textWeight, titleWeight, abstractWeight: all are 0");
    }
}
