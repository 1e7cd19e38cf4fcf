package org.paperboy.search;

import java.util.List;
import java.util.Optional;

/**
 * The search index: a derived, rebuildable copy of the store's papers, which also gives the
 * {@link Searcher}s over it. Writes become visible to searches when the call returns and durable
 * at the next {@link #commit}; a commit records which embedding model the vectors come from, so
 * that what is durable and what the index says about its vectors never disagree. Implementations
 * are thread-safe; close the index on shutdown.
 */
public interface PaperIndex extends AutoCloseable {

    /**
     * Adds each paper or replaces the document with its id, as given: a paper upserted without a
     * vector loses the one it had. Call with batches (hundreds of papers); each call refreshes
     * the searcher.
     *
     * @throws IllegalArgumentException when a vector has the wrong dimension or is not unit length
     */
    void upsert(List<IndexedPaper> papers);

    /** Removes the paper with this id; unknown ids are ignored. */
    void delete(String id);

    /** Removes every paper (for a rebuild); the recorded model stays until the next commit. */
    void deleteAll();

    /** Makes every write so far durable; the recorded embedding model stays as it was. */
    void commit();

    /** Makes every write so far durable, recording that the vectors come from {@code embeddingModel}. */
    void commit(String embeddingModel);

    /** The embedding model recorded by the last commit; empty for a new index. */
    Optional<String> embeddingModel();

    /**
     * True when the index is laid out so that searches are noticeably slower than after
     * {@link #compact} (for the embedded index: more than a few segments, each with its own HNSW
     * graph to walk).
     */
    boolean fragmented();

    /**
     * Rewrites the index into the layout searches are fastest on, and commits: seconds for the
     * 74,728 papers on 2 cores; see {@link IndexService#compact}.
     */
    void compact();

    /** Papers in the index, with or without a vector. */
    int count();

    /** Papers that have a vector, i.e. that dense search can find. */
    int countWithVector();

    /** Up to {@code limit} ids of papers that have no vector yet, in id order. */
    List<String> idsWithoutVector(int limit);

    /** Vector dimension this index accepts. */
    int dimensions();

    /** How the index stores vectors for its graph walk. */
    VectorEncoding encoding();

    /** Bytes the index takes on disk now. */
    long sizeOnDisk();

    /** A searcher over this index that weighs and cuts by {@code settings}. */
    Searcher searcher(SearchSettings settings);

    /** How the cluster serving the index stands; empty for an index of this process alone (the embedded one). */
    default java.util.Optional<ClusterState> cluster() {
        return java.util.Optional.empty();
    }

    /** A searcher over this index with {@link SearchSettings#DEFAULT}. */
    default Searcher searcher() {
        return searcher(SearchSettings.DEFAULT);
    }

    @Override
    void close();
}
