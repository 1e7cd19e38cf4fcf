package org.paperboy.recommend;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class DiversifierTest {

    static Catalog.Entry entry(String id, float... v) {
        return new Catalog.Entry(id, LocalDate.of(2026, 7, 1), "Title " + id, List.of("cs.IR"), List.of("Ada"), v);
    }

    @Test
    void takes_a_less_relevant_paper_of_another_topic_before_a_near_copy_of_the_first() {
        Catalog c = Catalog.of(List.of(entry("a", 1, 0), entry("b", 1, 0), entry("c", 0, 1)), 2);
        int a = c.row("a").getAsInt();
        int b = c.row("b").getAsInt();
        int cc = c.row("c").getAsInt();

        // After a: b scores 0.75 * 0.2 - 0.25 * 1 = -0.1, c scores 0.75 * 0 - 0 = 0.
        List<Integer> order = new Diversifier(0.75).select(c, new int[] {a, b, cc}, new double[] {1.0, 0.6, 0.5}, 3);

        assertThat(order).containsExactly(a, cc, b);
    }

    @Test
    void with_lambda_one_keeps_the_order_of_relevance() {
        Catalog c = Catalog.of(List.of(entry("a", 1, 0), entry("b", 1, 0), entry("c", 0, 1)), 2);
        int[] rows = {c.row("a").getAsInt(), c.row("b").getAsInt(), c.row("c").getAsInt()};

        assertThat(new Diversifier(1).select(c, rows, new double[] {1.0, 0.6, 0.5}, 2))
                .containsExactly(rows[0], rows[1]);
    }
}
