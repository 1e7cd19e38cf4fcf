package org.paperboy.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class MetricsTest {

    private static final Offset<Double> EXACT = within(1e-12);

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }

    @Test
    void a_perfect_ranking_scores_one_everywhere() {
        Map<String, Integer> judged = Map.of("a", 2, "b", 1, "x", 0);
        List<String> ranking = List.of("a", "b", "x");

        // DCG = 2/log2(2) + 1/log2(3) = IDCG
        assertThat(Metrics.ndcg(ranking, judged, 10)).isEqualTo(1.0);
        assertThat(Metrics.recall(ranking, judged, 100)).isEqualTo(1.0);
        assertThat(Metrics.reciprocalRank(ranking, judged, 10)).isEqualTo(1.0);
    }

    @Test
    void a_single_relevant_document_at_rank_three() {
        Map<String, Integer> judged = Map.of("c", 1);
        List<String> ranking = List.of("a", "b", "c", "d");

        // DCG = 1/log2(3+1) = 1/2; IDCG = 1/log2(2) = 1; nDCG = 0.5
        assertThat(Metrics.ndcg(ranking, judged, 10)).isCloseTo(0.5, EXACT);
        // MRR = 1/3; recall = 1/1
        assertThat(Metrics.reciprocalRank(ranking, judged, 10)).isCloseTo(1.0 / 3, EXACT);
        assertThat(Metrics.recall(ranking, judged, 100)).isEqualTo(1.0);
    }

    @Test
    void graded_gains_are_the_grade_itself() {
        Map<String, Integer> judged = Map.of("a", 2, "d", 1);
        List<String> ranking = List.of("a", "b", "c", "d");

        // DCG  = 2/log2(2) + 1/log2(5) = 2 + 0.430677 = 2.430677
        // IDCG = 2/log2(2) + 1/log2(3) = 2 + 0.630930 = 2.630930
        // nDCG = 0.923885 (with 2^rel - 1 gains it would be (3 + 0.430677) / (3 + 0.630930) = 0.944844)
        double expected = (2 + 1 / log2(5)) / (2 + 1 / log2(3));
        assertThat(Metrics.ndcg(ranking, judged, 10)).isCloseTo(expected, EXACT);
        assertThat(expected).isCloseTo(0.923885, within(1e-6));
    }

    @Test
    void the_ideal_ranking_comes_from_the_judgments_not_from_what_was_retrieved() {
        Map<String, Integer> judged = Map.of("a", 1, "b", 3);
        List<String> ranking = List.of("a");

        // DCG = 1/log2(2) = 1; IDCG = 3/log2(2) + 1/log2(3) = 3.630930; nDCG = 0.275411
        assertThat(Metrics.ndcg(ranking, judged, 10)).isCloseTo(1 / (3 + 1 / log2(3)), EXACT);
    }

    @Test
    void the_ideal_dcg_is_cut_at_k_too() {
        Map<String, Integer> judged = new LinkedHashMap<>();
        List<String> ranking = new ArrayList<>();
        for (int i = 1; i <= 12; i++) {
            judged.put("r" + i, 1);
            ranking.add("r" + i);
        }

        // 12 relevant, all ranked first: DCG@10 = IDCG@10 = sum over ranks 1..10 of 1/log2(rank+1)
        assertThat(Metrics.ndcg(ranking, judged, 10)).isCloseTo(1.0, EXACT);
        // the same documents only at ranks 11 and 12 count for nothing at 10
        List<String> late = new ArrayList<>(
                IntStream.rangeClosed(1, 10).mapToObj(i -> "n" + i).toList());
        late.addAll(List.of("r1", "r2"));
        assertThat(Metrics.ndcg(late, judged, 10)).isEqualTo(0.0);
        assertThat(Metrics.reciprocalRank(late, judged, 10)).isEqualTo(0.0);
    }

    @Test
    void nothing_relevant_retrieved_scores_zero() {
        Map<String, Integer> judged = Map.of("a", 1, "z", 0);

        assertThat(Metrics.ndcg(List.of(), judged, 10)).isEqualTo(0.0);
        assertThat(Metrics.recall(List.of(), judged, 100)).isEqualTo(0.0);
        assertThat(Metrics.reciprocalRank(List.of(), judged, 10)).isEqualTo(0.0);
        // a judged non-relevant document (grade 0) and an unjudged one earn nothing either
        assertThat(Metrics.ndcg(List.of("z", "q"), judged, 10)).isEqualTo(0.0);
        assertThat(Metrics.score("q", List.of(new ScoredDoc("z", 1.0)), judged))
                .contains(new QueryScores("q", 0.0, 0.0, 0.0));
    }

    @Test
    void negative_grades_count_as_not_relevant() {
        Map<String, Integer> judged = Map.of("a", -1, "b", 1);

        // only b is relevant: at rank 2, DCG = 1/log2(3), IDCG = 1
        assertThat(Metrics.ndcg(List.of("a", "b"), judged, 10)).isCloseTo(1 / log2(3), EXACT);
        assertThat(Metrics.recall(List.of("a"), judged, 100)).isEqualTo(0.0);
    }

    @Test
    void ties_rank_by_score_then_document_id_descending_as_trec_eval() {
        List<ScoredDoc> run = List.of(
                new ScoredDoc("a", 1.0),
                new ScoredDoc("c", 1.0),
                new ScoredDoc("b", 2.0),
                new ScoredDoc("d10", 0.5),
                new ScoredDoc("d9", 0.5),
                new ScoredDoc("n", -0.0),
                new ScoredDoc("m", 0.0));

        // the order given and any rank the retriever meant are ignored; "d9" > "d10" as strings
        assertThat(Metrics.rank(run)).containsExactly("b", "c", "a", "d9", "d10", "n", "m");
    }

    @Test
    void a_tie_can_push_a_relevant_document_down() {
        Map<String, Integer> judged = Map.of("a", 1);
        List<ScoredDoc> run = List.of(new ScoredDoc("a", 3.0), new ScoredDoc("c", 3.0));

        // "c" sorts before "a" at equal score: a at rank 2, nDCG = 1/log2(3) = 0.630930, MRR = 1/2
        assertThat(Metrics.score("q", run, judged)).contains(new QueryScores("q", 1 / log2(3), 1.0, 0.5));
    }

    @Test
    void recall_counts_relevant_documents_in_the_top_100_over_all_relevant() {
        Map<String, Integer> judged = Map.of("r1", 1, "r2", 1, "r3", 2);
        List<String> ranking = new ArrayList<>();
        for (int rank = 1; rank <= 150; rank++) {
            ranking.add(
                    switch (rank) {
                        case 5 -> "r1";
                        case 100 -> "r2";
                        case 101 -> "r3";
                        default -> "n" + rank;
                    });
        }

        // r1 (rank 5) and r2 (rank 100) are in the top 100, r3 (rank 101) is not: 2/3
        assertThat(Metrics.recall(ranking, judged, 100)).isCloseTo(2.0 / 3, EXACT);
        assertThat(Metrics.recall(ranking, judged, 101)).isEqualTo(1.0);
    }

    @Test
    void reciprocal_rank_of_the_first_relevant_document_within_ten() {
        Map<String, Integer> judged = Map.of("r", 1, "s", 1, "z", 0);

        assertThat(Metrics.reciprocalRank(List.of("r", "s"), judged, 10)).isEqualTo(1.0);
        assertThat(Metrics.reciprocalRank(List.of("z", "r", "s"), judged, 10)).isEqualTo(0.5);
        assertThat(Metrics.reciprocalRank(padded(9, "s"), judged, 10)).isCloseTo(0.1, EXACT);
        assertThat(Metrics.reciprocalRank(padded(10, "s"), judged, 10)).isEqualTo(0.0);
    }

    @Test
    void queries_without_a_relevant_judgment_are_not_evaluated() {
        Map<String, Map<String, Integer>> qrels = new LinkedHashMap<>();
        qrels.put("q1", Map.of("a", 1));
        qrels.put("q2", Map.of("b", 0));
        qrels.put("q3", Map.of("c", 1));
        Map<String, List<ScoredDoc>> run = Map.of(
                "q1", List.of(new ScoredDoc("a", 1.0)),
                "q2", List.of(new ScoredDoc("b", 1.0)),
                "unjudged", List.of(new ScoredDoc("a", 1.0)));

        RunScores scores = Metrics.evaluate(run, qrels);

        // q2 has no relevant judgment: skipped; q3 has no results: scored 0; "unjudged" is ignored
        assertThat(scores.perQuery())
                .containsExactly(new QueryScores("q1", 1.0, 1.0, 1.0), new QueryScores("q3", 0.0, 0.0, 0.0));
        assertThat(scores.queries()).isEqualTo(2);
        assertThat(scores.ndcg10()).isEqualTo(0.5);
        assertThat(scores.recall100()).isEqualTo(0.5);
        assertThat(scores.mrr10()).isEqualTo(0.5);
        assertThat(Metrics.score("q2", List.of(), qrels.get("q2"))).isEmpty();
    }

    @Test
    void no_evaluated_query_means_zero() {
        RunScores scores = Metrics.evaluate(Map.of(), Map.of("q", Map.of("a", 0)));

        assertThat(scores.queries()).isZero();
        assertThat(scores.ndcg10()).isEqualTo(0.0);
    }

    @Test
    void rejects_a_document_retrieved_twice_for_one_query() {
        List<ScoredDoc> run = List.of(new ScoredDoc("a", 2.0), new ScoredDoc("a", 1.0));

        assertThatThrownBy(() -> Metrics.score("q7", run, Map.of("a", 1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("query 'q7': document 'a' is retrieved twice");
    }

    @Test
    void rejects_a_score_that_is_not_a_number() {
        assertThatThrownBy(() -> new ScoredDoc("a", Double.NaN))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("score of document 'a' is NaN, not a finite number");
    }

    private static List<String> padded(int misses, String last) {
        List<String> ranking = new ArrayList<>();
        for (int i = 0; i < misses; i++) {
            ranking.add("n" + i);
        }
        ranking.add(last);
        return ranking;
    }
}
