package org.paperboy.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.paperboy.paper.Author;
import org.paperboy.paper.Paper;

class RecsMetricsTest {

    @Test
    void scores_recall_ndcg_and_mrr_of_a_ranking() {
        // Relevant 7 at rank 2 and 9 at rank 4; 5 is never ranked.
        RecsMetrics.Scores s = RecsMetrics.score(List.of(1, 7, 3, 9, 4), Set.of(7, 9, 5), 20);

        assertThat(s.recall()).isCloseTo(2.0 / 3, within(1e-12));
        double dcg = 1 / (Math.log(3) / Math.log(2)) + 1 / (Math.log(5) / Math.log(2));
        double ideal = 1 + 1 / (Math.log(3) / Math.log(2)) + 1 / (Math.log(4) / Math.log(2));
        assertThat(s.ndcg()).isCloseTo(dcg / ideal, within(1e-12));
        assertThat(s.mrr()).isEqualTo(0.5);
    }

    @Test
    void only_the_top_k_counts_for_recall_but_mrr_looks_at_the_whole_ranking() {
        RecsMetrics.Scores s = RecsMetrics.score(List.of(1, 2, 3), Set.of(3), 2);

        assertThat(s.recall()).isZero();
        assertThat(s.ndcg()).isZero();
        assertThat(s.mrr()).isCloseTo(1.0 / 3, within(1e-12));
    }

    @Test
    void a_bootstrap_interval_of_identical_users_is_a_point_and_is_reproducible() {
        assertThat(RecsMetrics.bootstrap(new double[] {0.5, 0.5, 0.5}, 200, 1))
                .isEqualTo(new RecsMetrics.Interval(0.5, 0.5));
        double[] mixed = {0, 1, 0, 1, 1, 0, 0, 1};
        assertThat(RecsMetrics.bootstrap(mixed, 500, 7)).isEqualTo(RecsMetrics.bootstrap(mixed, 500, 7));
        RecsMetrics.Interval ci = RecsMetrics.bootstrap(mixed, 500, 7);
        assertThat(ci.low()).isLessThan(0.5);
        assertThat(ci.high()).isGreaterThan(0.5);
    }

    @Test
    void the_gain_is_the_ratio_of_means_less_one_and_its_paired_interval_sees_a_consistent_gain() {
        double[] baseline = {0.1, 0.4, 0.0, 0.9, 0.2, 0.6, 0.3, 0.5};
        double[] better = new double[baseline.length];
        for (int i = 0; i < baseline.length; i++) {
            better[i] = baseline[i] * 1.1 + 0.01; // every user a little better
        }
        // means 0.375 and 0.4225: 0.4225 / 0.375 - 1 = 0.12667
        assertThat(RecsMetrics.gain(better, baseline)).isCloseTo(0.126667, within(1e-6));
        assertThat(RecsMetrics.gain(baseline, new double[8])).isZero();

        RecsMetrics.Interval paired = RecsMetrics.pairedGainBootstrap(better, baseline, 500, 3);
        assertThat(paired.low()).isGreaterThan(0.10); // the same users in both: the gain is never near 0
        assertThat(paired.high()).isLessThan(0.17);
        // the two methods' own intervals overlap all the same
        assertThat(RecsMetrics.bootstrap(better, 500, 3).low())
                .isLessThan(RecsMetrics.bootstrap(baseline, 500, 3).high());
        assertThat(RecsMetrics.pairedGainBootstrap(better, baseline, 500, 3)).isEqualTo(paired);
        assertThatThrownBy(() -> RecsMetrics.pairedGainBootstrap(better, new double[3], 10, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("same users");
    }

    static Paper paper(String id, LocalDate day, String... authors) {
        return Paper.builder(id)
                .title("Title " + id)
                .abstractText("Abstract " + id)
                .authors(java.util.Arrays.stream(authors).map(Author::new).toList())
                .listedOn(day)
                .build();
    }

    @Test
    void users_are_authors_with_five_papers_before_the_cutoff_and_two_in_the_window() {
        LocalDate cut = LocalDate.of(2025, 5, 1);
        List<Paper> papers = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            papers.add(paper("2504.0000" + i, cut.minusDays(i + 1), "Ada Lovelace", "Bo Li"));
        }
        papers.add(paper("2505.00001", cut, "ada lovelace"));
        papers.add(paper("2505.00002", cut.plusDays(27), "Ada  Lovelace", "Bo Li"));
        papers.add(paper("2505.00003", cut.plusDays(28), "Bo Li"));

        SimulatedUsers task = SimulatedUsers.of(papers, cut);

        assertThat(task.users()).extracting(SimulatedUsers.User::name).containsExactly("Ada Lovelace");
        assertThat(task.candidates()).hasSize(2);
        assertThat(task.history()).hasSize(5);
        assertThat(task.users().get(0).liked()).hasSize(5);
    }
}
