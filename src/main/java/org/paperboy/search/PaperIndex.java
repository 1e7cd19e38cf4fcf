package org.paperboy.search;

import java.util.List;
import java.util.Map;

/**
 * The search index: a derived, rebuildable copy of the store's papers. Writes become visible to
 * searches when the call returns and durable at the next {@link #commit}; the commit carries the
 * caller's own data (model id and checksum, store watermark) so that what is durable and what the
 * caller recorded about it never disagree. Implementations are thread-safe.
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

    /** Removes every paper (for a rebuild); the commit data stays until the next commit. */
    void deleteAll();

    /**
     * Merges the index into one segment, so that a search visits one HNSW graph instead of one per
     * segment. It rewrites the index (12 s for 74,728 papers on 2 cores); see
     * {@link IndexService#compact}.
     */
    void optimize();

    /** How many segments the index has: a search walks each one's HNSW graph and term index. */
    int segments();

    /**
     * Makes every write so far durable, together with {@code userData}, which is merged into the
     * data of the previous commit (a key given here replaces the old value).
     */
    void commit(Map<String, String> userData);

    /** The caller's data of the last commit; empty for a new index. */
    Map<String, String> commitData();

    /** Papers in the index, with or without a vector. */
    int count();

    /** Papers that have a vector, i.e. that dense search can find. */
    int countWithVector();

    /** Up to {@code limit} ids of papers that have no vector yet, in id order. */
    List<String> idsWithoutVector(int limit);

    /** Vector dimension this index accepts. */
    int dimensions();

    /** Bytes the index takes on disk now. */
    long sizeOnDisk();

    @Override
    void close();
}
