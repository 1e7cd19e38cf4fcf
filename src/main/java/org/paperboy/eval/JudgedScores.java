package org.paperboy.eval;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Scores on a {@link JudgedSet}. A ranking (web search) is scored at 5 and 10: precision, nDCG@10
 * with binary gains, and how many of its top 10 were never judged (unjudged count as not
 * relevant, so many of them mean the figures are too low and the set needs judging). An alert's
 * matches (at most 10, no order to speak of beyond the first 5) are scored as a set: precision of
 * its first 5 over the queries that matched anything, recall of all it matched over every judged
 * relevant paper, and the queries that matched nothing.
 */
public record JudgedScores(String dataset, String mode, Map<String, Object> figures) {

    /** Ranks (or matches) the papers of one judged query, best first. */
    @FunctionalInterface
    public interface Ranker {
        List<String> rank(JudgedQuery query) throws IOException;
    }

    /** Ranking metrics of {@code ranker} over the queries of {@code set} with a relevant paper. */
    public static JudgedScores ranking(JudgedSet set, String mode, Ranker ranker) throws IOException {
        double p5 = 0, p10 = 0, ndcg = 0;
        int queries = 0, unjudged = 0;
        for (JudgedQuery q : set.queries()) {
            if (q.relevant().isEmpty()) {
                continue;
            }
            List<String> top = cut(ranker.rank(q), 10);
            queries++;
            p5 += relevantIn(q, cut(top, 5)) / 5.0;
            p10 += relevantIn(q, top) / 10.0;
            double dcg = 0, ideal = 0;
            for (int i = 0; i < top.size(); i++) {
                dcg += q.relevant().contains(top.get(i)) ? 1 / log2(i + 2) : 0;
                unjudged += q.judged(top.get(i)) ? 0 : 1;
            }
            for (int i = 0; i < Math.min(10, q.relevant().size()); i++) {
                ideal += 1 / log2(i + 2);
            }
            ndcg += dcg / ideal;
        }
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("p@5", mean(p5, queries));
        f.put("p@10", mean(p10, queries));
        f.put("ndcg@10", mean(ndcg, queries));
        f.put("unjudged@10", unjudged);
        f.put("queries", queries);
        return new JudgedScores(name(set), mode, f);
    }

    /** Set metrics of the matches {@code matcher} makes for every query of {@code set}. */
    public static JudgedScores matches(JudgedSet set, String mode, Ranker matcher) throws IOException {
        double precision = 0, recall = 0;
        int answered = 0, withRelevant = 0, silent = 0, unjudged = 0;
        int firstFive = 0, relevantFirstFive = 0, relevantMatched = 0, relevantJudged = 0, matchedTotal = 0;
        for (JudgedQuery q : set.queries()) {
            List<String> matched = cut(matcher.rank(q), 10);
            List<String> top = cut(matched, 5);
            matchedTotal += matched.size();
            unjudged += (int) matched.stream().filter(id -> !q.judged(id)).count();
            if (top.isEmpty()) {
                silent++;
            } else {
                answered++;
                precision += relevantIn(q, top) / (double) top.size();
                firstFive += top.size();
                relevantFirstFive += relevantIn(q, top);
            }
            if (!q.relevant().isEmpty()) {
                withRelevant++;
                recall += relevantIn(q, matched) / (double) q.relevant().size();
                relevantMatched += relevantIn(q, matched);
                relevantJudged += q.relevant().size();
            }
        }
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("precision@5", mean(precision, answered));
        f.put("recall", mean(recall, withRelevant));
        f.put("micro_precision@5", mean(relevantFirstFive, firstFive));
        f.put("micro_recall", mean(relevantMatched, relevantJudged));
        f.put("matched", matchedTotal);
        f.put("silent", silent);
        f.put("unjudged", unjudged);
        f.put("queries", set.queries().size());
        return new JudgedScores(name(set), mode, f);
    }

    /** One JSON object on one line: dataset, mode, then the figures (4 decimals). */
    public String toJsonLine() {
        String figs = figures.entrySet().stream()
                .map(e -> EvalResult.quote(e.getKey()) + ":"
                        + (e.getValue() instanceof Double d ? EvalResult.round4(d) : e.getValue()))
                .collect(Collectors.joining(","));
        return "{\"dataset\":" + EvalResult.quote(dataset) + ",\"mode\":" + EvalResult.quote(mode) + "," + figs + "}";
    }

    private static String name(JudgedSet set) {
        String n = set.file().getFileName().toString();
        return n.endsWith(".jsonl") ? n.substring(0, n.length() - 6) : n;
    }

    private static List<String> cut(List<String> ids, int n) {
        return ids.size() <= n ? ids : ids.subList(0, n);
    }

    private static int relevantIn(JudgedQuery q, List<String> ids) {
        return (int) ids.stream().filter(q.relevant()::contains).count();
    }

    private static double mean(double sum, int n) {
        return n == 0 ? 0 : sum / n;
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}
