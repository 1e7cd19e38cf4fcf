package org.paperboy.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.paperboy.digest.AlertMatcher;
import org.paperboy.eval.JudgedQuery;
import org.paperboy.eval.JudgedScores;
import org.paperboy.eval.JudgedSet;
import org.paperboy.feed.Period;
import org.paperboy.search.Filters;
import org.paperboy.search.Fusion;
import org.paperboy.search.Hit;
import org.paperboy.search.SearchMode;
import org.paperboy.search.SearchRequest;
import org.paperboy.search.Searcher;
import org.paperboy.store.Subscription.Alert;

/**
 * {@code eval --judged FILE}: the web search modes and the alert matcher scored on a judged set
 * over the papers of the data directory, each query searching only its listing days (and
 * category). With a pool depth it prints the papers still to judge instead.
 */
final class JudgedEval {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final JudgedSet set;
    private final Searcher searcher;
    private final Map<String, float[]> vectors = new ConcurrentHashMap<>();
    private final java.util.function.Function<String, float[]> embedder;

    JudgedEval(JudgedSet set, Searcher searcher, java.util.function.Function<String, float[]> embedder) {
        this.set = set;
        this.searcher = searcher;
        this.embedder = embedder;
    }

    private float[] vector(String query) {
        return vectors.computeIfAbsent(query, embedder);
    }

    private static Filters filters(JudgedQuery q) {
        return Filters.NONE.withCategory(q.category(), false).withListedBetween(q.from(), q.to());
    }

    /** The top {@code n} hits of one search mode for {@code q}, within its days and category. */
    List<Hit> search(JudgedQuery q, SearchMode mode, Fusion fusion, double alpha, int n) {
        float[] v = mode == SearchMode.BM25 ? null : vector(q.query());
        return searcher.search(new SearchRequest(q.query(), v, mode, fusion, alpha, filters(q), 0, n, false))
                .hits();
    }

    /** The ids the alert matcher sends for {@code q} under {@code rule}, fusing with {@code alpha}. */
    List<String> alerts(JudgedQuery q, AlertMatcher matcher) {
        Period days = new Period(Period.Kind.WEEK, q.from(), q.to());
        return matcher.match(new Alert(q.query(), q.category()), days);
    }

    /** One JSON line per search mode (and alpha), then one per alert rule. */
    void score(
            List<SearchMode> modes,
            Fusion fusion,
            List<Double> alphas,
            double alertAlpha,
            List<AlertMatcher.Rule> rules,
            PrintStream out)
            throws IOException {
        for (SearchMode m : modes) {
            for (double alpha : m == SearchMode.HYBRID ? alphas : List.of(alphas.get(0))) {
                String label = m.key()
                        + (m == SearchMode.HYBRID && (alphas.size() > 1 || fusion != Fusion.MIN_MAX)
                                ? "@" + (fusion == Fusion.RRF ? "rrf" : String.format(Locale.ROOT, "%.2f", alpha))
                                : "");
                out.println(JudgedScores.ranking(
                                set,
                                label,
                                q -> search(q, m, fusion, alpha, 10).stream()
                                        .map(Hit::id)
                                        .toList())
                        .toJsonLine());
            }
        }
        for (AlertMatcher.Rule rule : rules) {
            AlertMatcher matcher = new AlertMatcher(searcher, this::vector, alertAlpha, rule);
            String label = String.format(
                    Locale.ROOT,
                    "alerts@cos%.2f,cov%.2f,key%.2f,near%.2f,kw%.2f",
                    rule.minCosine(),
                    rule.minCoverage(),
                    rule.keyTermShare(),
                    rule.minProximity(),
                    rule.keywordOnlyCoverage());
            out.println(
                    JudgedScores.matches(set, label, q -> alerts(q, matcher)).toJsonLine());
            if (perQuery) {
                for (JudgedQuery q : set.queries()) {
                    ObjectNode o = JSON.createObjectNode();
                    o.put("rule", label);
                    o.put("query", q.query());
                    o.put("from", q.from().toString());
                    o.put("relevant", q.relevant().size());
                    var matched = o.putArray("matched");
                    for (String id : alerts(q, matcher)) {
                        matched.add(id
                                + (q.relevant().contains(id)
                                        ? "+"
                                        : q.notRelevant().contains(id) ? "-" : "?"));
                    }
                    out.println(o.toString());
                }
            }
        }
    }

    private boolean perQuery;

    /** Also print each query's matches, marked + (relevant), - (not) or ? (unjudged). */
    JudgedEval perQuery(boolean on) {
        this.perQuery = on;
        return this;
    }

    /**
     * For each query, the papers not judged yet among the top {@code depth} of BM25, dense and
     * hybrid search and the alert matches, one JSON line each with title and abstract to read.
     */
    void pool(int depth, double alpha, PrintStream out) {
        AlertMatcher matcher = new AlertMatcher(searcher, this::vector, alpha);
        for (JudgedQuery q : set.queries()) {
            Map<String, List<String>> by = new LinkedHashMap<>();
            Map<String, Hit> hits = new LinkedHashMap<>();
            for (SearchMode m : SearchMode.values()) {
                for (Hit h : search(q, m, Fusion.MIN_MAX, alpha, depth)) {
                    by.computeIfAbsent(h.id(), k -> new ArrayList<>()).add(m.key());
                    hits.putIfAbsent(h.id(), h);
                }
            }
            for (String id : alerts(q, matcher)) {
                by.computeIfAbsent(id, k -> new ArrayList<>()).add("alert");
            }
            if (!hits.keySet().containsAll(by.keySet())) {
                // Alert matches come from the hybrid top 100; look their texts up there.
                for (Hit h : search(q, SearchMode.HYBRID, Fusion.MIN_MAX, alpha, 100)) {
                    hits.putIfAbsent(h.id(), h);
                }
            }
            for (Map.Entry<String, List<String>> e : by.entrySet()) {
                if (q.judged(e.getKey())) {
                    continue;
                }
                Hit h = hits.get(e.getKey());
                ObjectNode o = JSON.createObjectNode();
                o.put("query", q.query());
                o.put("category", q.category());
                o.put("id", e.getKey());
                o.put("by", String.join(",", e.getValue()));
                o.put("title", h == null ? null : h.title());
                o.put("abstract", h == null ? null : h.abstractText());
                out.println(o.toString());
            }
        }
    }
}
