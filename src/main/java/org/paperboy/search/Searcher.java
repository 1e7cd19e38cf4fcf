package org.paperboy.search;

import java.util.Collection;
import java.util.List;

/**
 * Finds papers: by words (BM25), by meaning (dense vectors), or both fused. Bad query text never
 * fails a search: Lucene syntax is treated as plain words, a text with no searchable words finds
 * nothing, and what happened is said in {@link SearchResults#notices}. Implementations are
 * thread-safe.
 */
public interface Searcher {

    /** One page of results for {@code request}. */
    SearchResults search(SearchRequest request);

    /**
     * Page {@code offset}/{@code limit} of every paper that passes {@code filters}, newest listed
     * day first (papers without one last), then newest id first, with the exact total: a listing
     * without query words, such as an author's papers. Hits carry no highlighting.
     *
     * @throws IllegalArgumentException when the page reaches past {@value SearchRequest#MAX_WINDOW}
     */
    default SearchResults browse(Filters filters, int offset, int limit) {
        throw new UnsupportedOperationException("this searcher does not list papers without a query");
    }

    /**
     * Papers nearest to the paper {@code id} by vector, the paper itself excluded, that pass
     * {@code filters}. An unknown id, or a paper whose vector is not computed yet, gives no
     * results and a notice saying so.
     */
    SearchResults similar(String id, int limit, Filters filters);

    /**
     * The top {@code depth} ids and scores, without highlighting or stored fields: the hook for
     * evaluation runs. Unlike {@link #search}, a missing vector for dense or hybrid is an error.
     *
     * @throws IllegalArgumentException when {@code mode} needs a vector and {@code vector} is
     *     {@code null}, or {@code depth} is not within 1..{@value SearchRequest#MAX_WINDOW}
     */
    List<ScoredId> rank(
            String query, float[] vector, SearchMode mode, Fusion fusion, double alpha, int depth, boolean exact);

    /**
     * The weight of each searchable word of {@code query}, which of them the papers {@code ids}
     * contain, and which of these papers have a vector: the evidence a caller needs to decide
     * whether a ranked paper is about the query at all (alerts do).
     */
    default QueryEvidence evidence(String query, Collection<String> ids) {
        throw new UnsupportedOperationException("this searcher gives no query evidence");
    }

    /** {@link #rank(String, float[], SearchMode, Fusion, double, int, boolean)} with HNSW search. */
    default List<ScoredId> rank(String query, float[] vector, SearchMode mode, Fusion fusion, double alpha, int depth) {
        return rank(query, vector, mode, fusion, alpha, depth, false);
    }
}
