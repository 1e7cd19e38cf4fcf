package org.paperboy.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Evaluates a word-overlap retriever on the six-document fixture {@code tiny/}: a document scores the
 * number of distinct query words in its title and text, documents scoring 0 are not returned.
 */
class EvaluationTest {

    private static BeirDataset tiny;
    private static Retriever overlap;

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }

    @BeforeAll
    static void loadTiny() throws IOException, URISyntaxException {
        Path dir = Path.of(EvaluationTest.class.getResource("tiny").toURI());
        tiny = BeirDataset.load(dir, "test");
        Map<String, Set<String>> words = new LinkedHashMap<>();
        try (Stream<BeirDoc> corpus = tiny.corpus()) {
            corpus.forEach(d -> words.put(d.id(), words(d.title() + " " + d.text())));
        }
        overlap = (query, depth) -> {
            Set<String> asked = words(query.text());
            List<ScoredDoc> hits = new ArrayList<>();
            words.forEach((id, docWords) -> {
                long shared = asked.stream().filter(docWords::contains).count();
                if (shared > 0) {
                    hits.add(new ScoredDoc(id, shared));
                }
            });
            hits.sort(Metrics.TREC_ORDER);
            return hits.subList(0, Math.min(depth, hits.size()));
        };
    }

    private static Set<String> words(String text) {
        return Arrays.stream(text.toLowerCase(Locale.ROOT).split("[^a-z0-9]+"))
                .filter(w -> !w.isEmpty())
                .collect(Collectors.toCollection(HashSet::new));
    }

    @Test
    void scores_every_judged_query_as_worked_out_by_hand() throws IOException {
        EvalReport report = new Evaluation(1).run(tiny, "overlap", overlap);

        // q1 "neural networks": d1 and d2 share 2 words; the tie puts d2 (grade 1) before d1 (grade 2).
        //   DCG = 1/log2(2) + 2/log2(3) = 2.261860; IDCG = 2/log2(2) + 1/log2(3) = 2.630930; nDCG = 0.859719
        double q1 = (1 + 2 / log2(3)) / (2 + 1 / log2(3));
        // q2 "quantum chemistry" retrieves nothing: 0, 0, 0.
        // q3 "documents rank by sparse weights": d4 shares 4 words, d5 3, d6 1; d5 and d6 are relevant,
        //   d3 (relevant) is not found. DCG = 1/log2(3) + 1/log2(4) = 1.130930;
        //   IDCG = 1 + 1/log2(3) + 1/log2(4) = 2.130930; nDCG = 0.530721; recall 2/3; MRR 1/2.
        double q3 = (1 / log2(3) + 1 / log2(4)) / (1 + 1 / log2(3) + 1 / log2(4));
        // q5 has only a grade-0 judgment and q6 none: not evaluated. q4 is judged in train only.
        assertThat(report.scores().perQuery())
                .containsExactly(
                        new QueryScores("q1", q1, 1.0, 1.0),
                        new QueryScores("q2", 0.0, 0.0, 0.0),
                        new QueryScores("q3", q3, 2.0 / 3, 0.5));
        // means: nDCG (0.859719 + 0 + 0.530721) / 3 = 0.463480; recall (1 + 0 + 2/3) / 3 = 0.555556;
        //   MRR (1 + 0 + 0.5) / 3 = 0.5
        EvalResult result = report.result();
        assertThat(result.ndcg10()).isCloseTo((q1 + q3) / 3, within(1e-12));
        assertThat(result.recall100()).isCloseTo(5.0 / 9, within(1e-12));
        assertThat(result.mrr10()).isEqualTo(0.5);
        assertThat(result.queries()).isEqualTo(3);
        assertThat(result.toJsonLine())
                .isEqualTo("{\"dataset\":\"tiny\",\"mode\":\"overlap\",\"ndcg@10\":0.4635,\"recall@100\":0.5556,"
                        + "\"mrr@10\":0.5,\"queries\":3}");
    }

    @Test
    void keeps_the_run_of_every_query_in_the_split_for_the_run_file() throws IOException {
        EvalReport report = new Evaluation(1).run(tiny, "overlap", overlap);

        assertThat(report.run().keySet()).containsExactly("q1", "q2", "q3", "q5");
        assertThat(Metrics.rank(report.run().get("q1"))).containsExactly("d2", "d1");
        assertThat(report.run().get("q2")).isEmpty();
        assertThat(Metrics.rank(report.run().get("q3"))).containsExactly("d4", "d5", "d6");
        assertThat(Metrics.rank(report.run().get("q5"))).containsExactly("d6");
    }

    @Test
    void two_threads_give_the_same_report() throws IOException {
        EvalReport one = new Evaluation(1).run(tiny, "overlap", overlap);
        Set<String> threadNames = ConcurrentHashMap.newKeySet();
        Retriever recording = (query, depth) -> {
            threadNames.add(Thread.currentThread().getName());
            return overlap.retrieve(query, depth);
        };

        EvalReport two = new Evaluation(2).run(tiny, "overlap", recording);

        assertThat(two).isEqualTo(one);
        assertThat(threadNames).doesNotContain(Thread.currentThread().getName());
    }

    @Test
    void asks_for_one_hundred_documents_per_query() throws IOException {
        List<String> asked = new ArrayList<>();

        new Evaluation(1).run(tiny, "probe", (query, depth) -> {
            asked.add(query.id() + "@" + depth);
            return List.of();
        });

        assertThat(asked).containsExactly("q1@100", "q2@100", "q3@100", "q5@100");
    }

    @Test
    void a_failing_retriever_names_the_query() {
        Retriever broken = (query, depth) -> {
            if (query.id().equals("q3")) {
                throw new IOException("index is closed");
            }
            return List.of();
        };

        for (int threads : new int[] {1, 2}) {
            assertThatThrownBy(() -> new Evaluation(threads).run(tiny, "broken", broken))
                    .isInstanceOf(IOException.class)
                    .hasMessage("retrieval failed for query 'q3': index is closed");
        }
    }

    @Test
    void a_retriever_returning_a_document_twice_is_an_error() {
        Retriever doubled = (query, depth) -> List.of(new ScoredDoc("d1", 1.0), new ScoredDoc("d1", 0.5));

        assertThatThrownBy(() -> new Evaluation(1).run(tiny, "doubled", doubled))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("query 'q1': document 'd1' is retrieved twice");
    }

    @Test
    void needs_at_least_one_thread() {
        assertThatThrownBy(() -> new Evaluation(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("threads is 0, must be at least 1");
    }

    @Test
    void the_json_line_has_a_fixed_key_order_and_four_decimals() {
        EvalResult result = new EvalResult("scifact", "hybrid", 0.73456, 0.0, 1.0, 300);

        assertThat(result.toJsonLine())
                .isEqualTo("{\"dataset\":\"scifact\",\"mode\":\"hybrid\",\"ndcg@10\":0.7346,\"recall@100\":0.0,"
                        + "\"mrr@10\":1.0,\"queries\":300}");
    }

    @Test
    void the_json_line_names_the_fusion_after_the_mode_when_there_is_one() {
        EvalResult result = new EvalResult("scifact", "hybrid", 0.73456, 0.0, 1.0, 300).withFusion("rrf");

        assertThat(result.toJsonLine())
                .isEqualTo("{\"dataset\":\"scifact\",\"mode\":\"hybrid\",\"fusion\":\"rrf\",\"ndcg@10\":0.7346,"
                        + "\"recall@100\":0.0,\"mrr@10\":1.0,\"queries\":300}");
    }

    @Test
    void the_json_line_names_the_embedder_beside_the_mode_then_the_fusion() {
        EvalResult result = new EvalResult("scifact", "hybrid", 0.73456, 0.0, 1.0, 300)
                .withFusion("min-max")
                .withEmbedder("bge-small");

        assertThat(result.toJsonLine())
                .isEqualTo(
                        "{\"dataset\":\"scifact\",\"mode\":\"hybrid\",\"embedder\":\"bge-small\","
                                + "\"fusion\":\"min-max\",\"ndcg@10\":0.7346,\"recall@100\":0.0,\"mrr@10\":1.0,\"queries\":300}");
    }

    @Test
    void rounds_the_exact_binary_value_as_printf_does() {
        // 0.00015 is stored as 0.000149999..., so it rounds down, as trec_eval's %.4f prints it
        assertThat(EvalResult.round4(0.00015)).isEqualTo("0.0001");
        assertThat(EvalResult.round4(0.55555)).isEqualTo("0.5555");
        assertThat(EvalResult.round4(0.99995)).isEqualTo("1.0");
        assertThat(EvalResult.round4(0.73)).isEqualTo("0.73");
        assertThat(EvalResult.round4(0.00004)).isEqualTo("0.0");
    }

    @Test
    void escapes_names_in_the_json_line() {
        EvalResult result = new EvalResult("my \"set\"", "bm25", 0.5, 0.5, 0.5, 1);

        assertThat(result.toJsonLine()).startsWith("{\"dataset\":\"my \\\"set\\\"\",\"mode\":\"bm25\",");
    }
}
