package org.paperboy.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class QueryVectorCacheTest {

    private final List<String> embedded = new ArrayList<>();

    private float[] embed(String q) {
        embedded.add(q);
        return q.startsWith("loading") ? null : new float[] {q.length()};
    }

    @Test
    void embeds_a_query_once_while_it_is_kept() {
        QueryVectorCache cache = new QueryVectorCache(this::embed, 10);
        float[] first = cache.apply("dense retrieval");
        float[] again = cache.apply("dense retrieval");
        assertThat(again).isSameAs(first).containsExactly(15f);
        assertThat(embedded).containsExactly("dense retrieval");
    }

    @Test
    void forgets_the_least_recently_used_query_past_its_capacity() {
        QueryVectorCache cache = new QueryVectorCache(this::embed, 2);
        cache.apply("a");
        cache.apply("bb");
        cache.apply("a"); // "a" is now the most recently used
        cache.apply("ccc"); // evicts "bb"
        cache.apply("a");
        cache.apply("bb");
        assertThat(embedded).containsExactly("a", "bb", "ccc", "bb");
        assertThat(cache.size()).isEqualTo(2);
    }

    @Test
    void does_not_keep_the_missing_vector_of_a_model_still_loading() {
        QueryVectorCache cache = new QueryVectorCache(this::embed, 10);
        assertThat(cache.apply("loading query")).isNull();
        assertThat(cache.apply("loading query")).isNull();
        assertThat(embedded).containsExactly("loading query", "loading query");
        assertThat(cache.size()).isZero();
    }

    @Test
    void refuses_a_capacity_below_one() {
        assertThatThrownBy(() -> new QueryVectorCache(this::embed, 0)).hasMessage("capacity: 0 is not at least 1");
    }
}
