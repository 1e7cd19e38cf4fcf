package org.paperboy.eval;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Retrieval metrics as trec_eval computes them. A judgment grade above 0 is relevant; 0 or below is
 * judged non-relevant, the same as unjudged. Queries without a relevant judgment are not evaluated, and
 * a judged query the run has no results for scores 0 (trec_eval {@code -c}).
 *
 * <ul>
 *   <li>nDCG@k ({@code ndcg_cut.k}): gain = the grade itself (not 2^grade - 1), discount
 *       log2(rank + 1) from rank 1 on, as trec_eval 9.0.8 does (older releases left rank 2
 *       undiscounted); the ideal DCG ranks the relevant judgments by grade, cut at k.
 *   <li>Recall@k ({@code recall.k}): relevant documents in the top k / all relevant judgments.
 *   <li>MRR@k: 1 / rank of the first relevant document within the top k, else 0.
 * </ul>
 */
public final class Metrics {

    public static final int NDCG_CUTOFF = 10;
    public static final int RECALL_CUTOFF = 100;
    public static final int MRR_CUTOFF = 10;

    /**
     * trec_eval's ranking: the rank column of a run is ignored; documents sort by score descending and
     * equal scores by document id descending, compared by code point as C's strcmp compares UTF-8.
     */
    static final Comparator<ScoredDoc> TREC_ORDER = (a, b) -> {
        // Compared with < and > rather than Double.compare, so that -0.0 and 0.0 tie as they do in C.
        if (a.score() > b.score()) {
            return -1;
        }
        if (a.score() < b.score()) {
            return 1;
        }
        return compareCodePoints(b.id(), a.id());
    };

    private Metrics() {}

    /**
     * The document ids of {@code run} in trec_eval's order (see {@link #TREC_ORDER}).
     *
     * @throws IllegalArgumentException if a document id appears twice, which trec_eval rejects too
     */
    public static List<String> rank(List<ScoredDoc> run) {
        List<ScoredDoc> sorted = new ArrayList<>(run);
        sorted.sort(TREC_ORDER);
        Set<String> seen = new HashSet<>();
        List<String> ids = new ArrayList<>(sorted.size());
        for (ScoredDoc doc : sorted) {
            if (!seen.add(doc.id())) {
                throw new IllegalArgumentException("document '" + doc.id() + "' is retrieved twice");
            }
            ids.add(doc.id());
        }
        return ids;
    }

    /** nDCG@k of {@code ranking} (ids, best first); 0 when there is no relevant judgment. */
    public static double ndcg(List<String> ranking, Map<String, Integer> judgments, int k) {
        double dcg = 0.0;
        for (int i = 0; i < Math.min(k, ranking.size()); i++) {
            int grade = judgments.getOrDefault(ranking.get(i), 0);
            if (grade > 0) {
                dcg += grade / log2(i + 2);
            }
        }
        List<Integer> ideal = judgments.values().stream()
                .filter(grade -> grade > 0)
                .sorted(Comparator.reverseOrder())
                .limit(k)
                .toList();
        double idealDcg = 0.0;
        for (int i = 0; i < ideal.size(); i++) {
            idealDcg += ideal.get(i) / log2(i + 2);
        }
        return idealDcg == 0.0 ? 0.0 : dcg / idealDcg;
    }

    /** Recall@k of {@code ranking}; 0 when there is no relevant judgment. */
    public static double recall(List<String> ranking, Map<String, Integer> judgments, int k) {
        long relevant = relevantCount(judgments);
        if (relevant == 0) {
            return 0.0;
        }
        long found = ranking.stream()
                .limit(k)
                .filter(id -> judgments.getOrDefault(id, 0) > 0)
                .count();
        return (double) found / relevant;
    }

    /** Reciprocal rank of the first relevant document within the top k of {@code ranking}, else 0. */
    public static double reciprocalRank(List<String> ranking, Map<String, Integer> judgments, int k) {
        for (int i = 0; i < Math.min(k, ranking.size()); i++) {
            if (judgments.getOrDefault(ranking.get(i), 0) > 0) {
                return 1.0 / (i + 1);
            }
        }
        return 0.0;
    }

    /**
     * nDCG@10, Recall@100 and MRR@10 of one query's results; empty when the query has no relevant
     * judgment and so is not evaluated.
     */
    public static Optional<QueryScores> score(String queryId, List<ScoredDoc> run, Map<String, Integer> judgments) {
        if (relevantCount(judgments) == 0) {
            return Optional.empty();
        }
        List<String> ranking;
        try {
            ranking = rank(run);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("query '" + queryId + "': " + e.getMessage(), e);
        }
        return Optional.of(new QueryScores(
                queryId,
                ndcg(ranking, judgments, NDCG_CUTOFF),
                recall(ranking, judgments, RECALL_CUTOFF),
                reciprocalRank(ranking, judgments, MRR_CUTOFF)));
    }

    /**
     * Scores every judged query of {@code qrels} (in its iteration order) against {@code run}; run
     * queries without judgments are ignored.
     */
    public static RunScores evaluate(Map<String, List<ScoredDoc>> run, Map<String, Map<String, Integer>> qrels) {
        List<QueryScores> perQuery = new ArrayList<>();
        qrels.forEach((queryId, judgments) ->
                score(queryId, run.getOrDefault(queryId, List.of()), judgments).ifPresent(perQuery::add));
        return new RunScores(perQuery);
    }

    private static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }

    private static long relevantCount(Map<String, Integer> judgments) {
        return judgments.values().stream().filter(grade -> grade > 0).count();
    }

    private static double log2(int x) {
        return Math.log(x) / Math.log(2);
    }
}
