package org.paperboy.digest;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.paperboy.feed.Period;
import org.paperboy.search.Filters;
import org.paperboy.search.Hit;
import org.paperboy.search.QueryEvidence;
import org.paperboy.search.SearchMode;
import org.paperboy.search.SearchRequest;
import org.paperboy.search.Searcher;
import org.paperboy.store.Subscription.Alert;

/**
 * Matches saved searches against the papers listed in a period. Hybrid search (BM25 and dense,
 * fused) ranks the period's papers; a ranked paper matches only when the {@link Rule} finds it
 * about the query: close enough in meaning (cosine), naming enough of the query's words,
 * weighted by how rare they are, and having the query's word pairs near each other. A paper without a vector yet is matched by its words alone,
 * with a stricter share, and counted ({@link #keywordOnlyMatches}) so that a run can say so.
 * Results are kept per alert and period, so identical alerts cost one search per run.
 * Thread-safe.
 */
public final class AlertMatcher {

    /**
     * When a ranked paper matches an alert. {@code minCosine}: least cosine (all-MiniLM-L6-v2,
     * unit vectors) between the query and the paper; {@code minCoverage}: least share of the
     * query's word weight (BM25 IDF) the paper's title and abstract contain;
     * {@code keyTermShare}: the paper must contain each query word at least this share as heavy
     * as the heaviest (the query's key terms); {@code minProximity}: least share of the query's
     * neighbouring word pairs ("large language", "language model") the paper has near each other,
     * so that a paper naming every word but never the query's phrases ("multi-agent" systems
     * trained with "reinforcement learning") does not match; {@code keywordOnlyCoverage}: the share
     * of the word weight a paper without a vector needs.
     */
    public record Rule(
            double minCosine,
            double minCoverage,
            double keyTermShare,
            double minProximity,
            double keywordOnlyCoverage) {

        /** Chosen on the judged alert set (bench/alert-judgments.jsonl; BENCHMARKS.md, issue 15). */
        public static final Rule DEFAULT = new Rule(0.30, 0.40, 0.50, 0.60, 0.90);

        public Rule {
            share("minCoverage", minCoverage);
            share("keyTermShare", keyTermShare);
            share("minProximity", minProximity);
            share("keywordOnlyCoverage", keywordOnlyCoverage);
            if (!(minCosine >= -1 && minCosine <= 1)) {
                throw new IllegalArgumentException("minCosine: " + minCosine + " is not within -1..1");
            }
        }

        private static void share(String name, double v) {
            if (!(v >= 0 && v <= 1)) {
                throw new IllegalArgumentException(name + ": " + v + " is not within 0..1");
            }
        }
    }

    /** Most papers one alert contributes to one digest. */
    public static final int MAX_HITS = 10;

    // Candidates taken from each retriever; a day of arXiv has ~300 new cs papers, a week ~1,200.
    private static final int CANDIDATES = 100;

    private record Key(String query, String category, Period period) {}

    private final Searcher searcher;
    private final Function<String, float[]> embedder;
    private final double alpha;
    private final Rule rule;
    private final Map<Key, List<String>> cache = new ConcurrentHashMap<>();
    private final Set<String> keywordOnly = ConcurrentHashMap.newKeySet();

    /**
     * Matches with {@code searcher}, embedding queries with {@code embedder} (which returns
     * {@code null} while its model is not loaded), fusing with dense weight {@code alpha}.
     */
    public AlertMatcher(Searcher searcher, Function<String, float[]> embedder, double alpha) {
        this(searcher, embedder, alpha, Rule.DEFAULT);
    }

    public AlertMatcher(Searcher searcher, Function<String, float[]> embedder, double alpha, Rule rule) {
        this.searcher = Objects.requireNonNull(searcher, "searcher");
        this.embedder = Objects.requireNonNull(embedder, "embedder");
        this.alpha = alpha;
        this.rule = Objects.requireNonNull(rule, "rule");
    }

    /** Whether queries can be embedded now (the model is loaded). */
    public boolean ready() {
        return embedder.apply("ready") != null;
    }

    /**
     * Ids of the papers listed in {@code period} that match {@code alert}, best first, at most
     * {@link #MAX_HITS}.
     *
     * @throws IllegalStateException when the embedding model is not loaded yet
     */
    public List<String> match(Alert alert, Period period) {
        List<String> all = matchAll(alert, period);
        return all.size() <= MAX_HITS ? all : all.subList(0, MAX_HITS);
    }

    /**
     * Every paper listed in {@code period} among the best candidates that matches {@code alert}, best
     * first: {@link #match} and the ones past {@link #MAX_HITS}, which a digest counts as "and N more".
     *
     * @throws IllegalStateException when the embedding model is not loaded yet
     */
    public List<String> matchAll(Alert alert, Period period) {
        return cache.computeIfAbsent(new Key(alert.query(), alert.category(), period), this::search);
    }

    /** Papers matched since the last {@link #clear} by their words alone, as they had no vector yet. */
    public int keywordOnlyMatches() {
        return keywordOnly.size();
    }

    /** Forgets cached matches (a new run may see newly indexed papers). */
    public void clear() {
        cache.clear();
        keywordOnly.clear();
    }

    private List<String> search(Key key) {
        float[] vector = embedder.apply(key.query());
        if (vector == null) {
            throw new IllegalStateException("the embedding model is not loaded yet; alerts cannot be matched");
        }
        Filters filters = Filters.NONE
                .withCategory(key.category(), false)
                .withListedBetween(key.period().from(), key.period().to());
        Map<String, Double> cosine = new HashMap<>();
        for (Hit h : searcher.search(
                        new SearchRequest(null, vector, SearchMode.DENSE, null, alpha, filters, 0, CANDIDATES, true))
                .hits()) {
            cosine.put(h.id(), h.score());
        }
        Set<String> ranked = new LinkedHashSet<>();
        for (Hit h : searcher.search(new SearchRequest(
                        key.query(), vector, SearchMode.HYBRID, null, alpha, filters, 0, CANDIDATES, true))
                .hits()) {
            ranked.add(h.id());
        }
        QueryEvidence evidence = searcher.evidence(key.query(), ranked);
        List<String> out = new ArrayList<>();
        for (String id : ranked) {
            double coverage = evidence.coverage(id);
            boolean match = evidence.proximity(id) >= rule.minProximity();
            if (evidence.withVector().contains(id)) {
                match &= cosine.getOrDefault(id, -1.0) >= rule.minCosine()
                        && coverage >= rule.minCoverage()
                        && evidence.hasKeyTerms(id, rule.keyTermShare());
            } else {
                match &= evidence.hasKeyTerms(id, rule.keyTermShare()) && coverage >= rule.keywordOnlyCoverage();
                if (match && out.size() < MAX_HITS) {
                    keywordOnly.add(id);
                }
            }
            if (match) {
                out.add(id);
            }
        }
        return List.copyOf(out);
    }
}
