package org.paperboy.search;

import java.util.Objects;

/**
 * One search: the query text (may be {@code null} for a dense search), the query's vector
 * ({@code null} for BM25; the caller embeds the text with the index's model), the mode, how a
 * hybrid search fuses, the filters and the page. {@code exact} makes dense retrieval compare the
 * query with every stored vector instead of walking the HNSW graph: slower, for evaluation.
 * Invalid pages and weights are refused here; the query text itself is never refused.
 */
public record SearchRequest(
        String query,
        float[] queryVector,
        SearchMode mode,
        Fusion fusion,
        double alpha,
        Filters filters,
        int offset,
        int limit,
        boolean exact) {

    /** The deepest result a search pages to; deeper pages are refused, as search engines do. */
    public static final int MAX_WINDOW = 10_000;

    /** Queries longer than this are cut, with a notice; a longer one adds cost and no precision. */
    public static final int MAX_QUERY_CHARS = 1000;

    public static final int DEFAULT_LIMIT = 10;

    /**
     * Weight of the dense ranking in min-max fusion: the best value of issue 3's SciFact probe
     * (0.4); the eval on SciFact's train split is where it should be re-chosen.
     */
    public static final double DEFAULT_ALPHA = 0.4;

    public SearchRequest {
        Objects.requireNonNull(mode, "mode");
        fusion = fusion == null ? Fusion.MIN_MAX : fusion;
        filters = filters == null ? Filters.NONE : filters;
        if (!(alpha >= 0 && alpha <= 1)) {
            throw new IllegalArgumentException("alpha: " + alpha + " is not within 0..1");
        }
        if (offset < 0) {
            throw new IllegalArgumentException("offset: " + offset + " is negative");
        }
        if (limit < 1) {
            throw new IllegalArgumentException("limit: " + limit + " is not at least 1");
        }
        if ((long) offset + limit > MAX_WINDOW) {
            throw new IllegalArgumentException(
                    "offset + limit: " + ((long) offset + limit) + " is over the maximum of " + MAX_WINDOW);
        }
    }

    public static SearchRequest bm25(String query) {
        return new SearchRequest(
                query, null, SearchMode.BM25, Fusion.MIN_MAX, DEFAULT_ALPHA, null, 0, DEFAULT_LIMIT, false);
    }

    public static SearchRequest dense(float[] queryVector) {
        return new SearchRequest(
                null, queryVector, SearchMode.DENSE, Fusion.MIN_MAX, DEFAULT_ALPHA, null, 0, DEFAULT_LIMIT, false);
    }

    public static SearchRequest hybrid(String query, float[] queryVector) {
        return new SearchRequest(
                query, queryVector, SearchMode.HYBRID, Fusion.MIN_MAX, DEFAULT_ALPHA, null, 0, DEFAULT_LIMIT, false);
    }

    public SearchRequest withQuery(String query) {
        return new SearchRequest(query, queryVector, mode, fusion, alpha, filters, offset, limit, exact);
    }

    public SearchRequest withFusion(Fusion fusion, double alpha) {
        return new SearchRequest(query, queryVector, mode, fusion, alpha, filters, offset, limit, exact);
    }

    public SearchRequest withFilters(Filters filters) {
        return new SearchRequest(query, queryVector, mode, fusion, alpha, filters, offset, limit, exact);
    }

    public SearchRequest withPage(int offset, int limit) {
        return new SearchRequest(query, queryVector, mode, fusion, alpha, filters, offset, limit, exact);
    }

    public SearchRequest withExact(boolean exact) {
        return new SearchRequest(query, queryVector, mode, fusion, alpha, filters, offset, limit, exact);
    }

    /**
     * {@code query} cut to {@link #MAX_QUERY_CHARS} (never inside a surrogate pair), saying so in
     * {@code notices} when it was; every backend calls it.
     */
    public static String cut(String query, java.util.List<String> notices) {
        if (query == null || query.length() <= MAX_QUERY_CHARS) {
            return query;
        }
        int end = MAX_QUERY_CHARS;
        if (Character.isLowSurrogate(query.charAt(end))) {
            end--;
        }
        notices.add(String.format(
                java.util.Locale.ROOT, "The query was cut to its first %,d characters.", MAX_QUERY_CHARS));
        return query.substring(0, end);
    }

    /**
     * Checks a query vector against an index of {@code dimensions}-dim vectors.
     *
     * @throws IllegalArgumentException when the lengths differ
     */
    public static void checkVector(float[] vector, int dimensions) {
        if (vector != null && vector.length != dimensions) {
            throw new IllegalArgumentException(
                    "queryVector: has " + vector.length + " dimensions, the index takes " + dimensions);
        }
    }
}
