package org.paperboy.digest;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.paperboy.feed.Period;
import org.paperboy.search.Filters;
import org.paperboy.search.Hit;
import org.paperboy.search.SearchMode;
import org.paperboy.search.SearchRequest;
import org.paperboy.search.Searcher;
import org.paperboy.store.Subscription.Alert;

/**
 * Matches saved searches against the papers listed in a period: hybrid search (BM25 and dense,
 * fused) ranks the period's papers, and a paper counts as a match only when its cosine with the
 * query is at least {@link #MIN_COSINE}. Fused scores are min-max normalised per query, so the
 * best candidate scores 1 however poor it is; the cosine is an absolute measure and is what the
 * threshold applies to (docs/digest.md tells how it was chosen). Results are kept per alert and
 * period, so identical alerts cost one search per run. Thread-safe.
 */
public final class AlertMatcher {

    /**
     * Least cosine (all-MiniLM-L6-v2, unit vectors) between an alert's query and a paper's title
     * and abstract for the paper to match; chosen on SciFact and arXiv cs listings, see docs/digest.md.
     */
    public static final double MIN_COSINE = 0.40;

    /** Most papers one alert contributes to one digest. */
    public static final int MAX_HITS = 10;

    // Candidates taken from each retriever; a day of arXiv has ~1,000 new cs papers.
    private static final int CANDIDATES = 100;

    private record Key(String query, String category, Period period) {}

    private final Searcher searcher;
    private final Function<String, float[]> embedder;
    private final double alpha;
    private final double minCosine;
    private final Map<Key, List<String>> cache = new ConcurrentHashMap<>();

    /**
     * Matches with {@code searcher}, embedding queries with {@code embedder} (which returns
     * {@code null} while its model is not loaded), fusing with dense weight {@code alpha}.
     */
    public AlertMatcher(Searcher searcher, Function<String, float[]> embedder, double alpha) {
        this(searcher, embedder, alpha, MIN_COSINE);
    }

    AlertMatcher(Searcher searcher, Function<String, float[]> embedder, double alpha, double minCosine) {
        this.searcher = Objects.requireNonNull(searcher, "searcher");
        this.embedder = Objects.requireNonNull(embedder, "embedder");
        this.alpha = alpha;
        this.minCosine = minCosine;
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
        return cache.computeIfAbsent(new Key(alert.query(), alert.category(), period), this::search);
    }

    /** Forgets cached matches (a new run may see newly indexed papers). */
    public void clear() {
        cache.clear();
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
        List<String> out = new ArrayList<>();
        for (Hit h : searcher.search(new SearchRequest(
                        key.query(), vector, SearchMode.HYBRID, null, alpha, filters, 0, CANDIDATES, true))
                .hits()) {
            if (cosine.getOrDefault(h.id(), -1.0) >= minCosine) {
                out.add(h.id());
                if (out.size() == MAX_HITS) {
                    break;
                }
            }
        }
        return List.copyOf(out);
    }
}
