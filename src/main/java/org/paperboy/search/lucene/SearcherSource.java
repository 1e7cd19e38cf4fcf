package org.paperboy.search.lucene;

import org.apache.lucene.analysis.Analyzer;
import org.paperboy.search.VectorEncoding;

/** What {@link LuceneSearcher} searches: a Lucene index, or one that changes underneath ({@link SharedLuceneIndex}). */
interface SearcherSource {

    /** Runs {@code work} on the current searcher; the searcher must not escape it. */
    <T> T withSearcher(LucenePaperIndex.SearcherFunction<T> work);

    /** The analyzer of the index's text fields, for queries and highlighting. */
    Analyzer analyzer();

    /** Vector dimension of the index. */
    int dimensions();

    /** How the index stores its vectors for the graph walk. */
    VectorEncoding encoding();
}
