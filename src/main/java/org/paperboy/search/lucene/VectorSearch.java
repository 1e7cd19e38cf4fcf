package org.paperboy.search.lucene;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.KnnVectorValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.Weight;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.VectorUtil;

/**
 * Dense retrieval over {@link PaperSchema#VECTOR}: approximate (HNSW, filters applied during the
 * graph walk) or exact (every stored vector compared). Either way the returned scores are exact
 * dot products with the stored float vectors: HNSW over int8 codes finds the candidates, and the
 * floats kept beside the codes re-score them, so quantization can cost recall but never distorts
 * the scores that fusion and ranking see.
 */
final class VectorSearch {

    /** A Lucene document with its exact dot product with the query. */
    record ScoredDoc(int doc, double score) {}

    private VectorSearch() {}

    /** Up to {@code k} nearest documents passing {@code filter} (may be {@code null}), best first. */
    static List<ScoredDoc> approximate(IndexSearcher searcher, float[] query, int k, Query filter) throws IOException {
        ScoreDoc[] found = searcher.search(new KnnFloatVectorQuery(PaperSchema.VECTOR, query, k, filter), k).scoreDocs;
        int[] docs = new int[found.length];
        for (int i = 0; i < found.length; i++) {
            docs[i] = found[i].doc;
        }
        Arrays.sort(docs);
        List<ScoredDoc> out = new ArrayList<>(docs.length);
        List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
        FloatVectorValues values = null;
        KnnVectorValues.DocIndexIterator it = null;
        int leaf = -1;
        for (int doc : docs) {
            int l = ReaderUtil.subIndex(doc, leaves);
            if (l != leaf) {
                leaf = l;
                values = leaves.get(l).reader().getFloatVectorValues(PaperSchema.VECTOR);
                it = values.iterator();
            }
            int local = doc - leaves.get(l).docBase;
            if (it.docID() < local) {
                it.advance(local);
            }
            if (it.docID() != local) {
                continue; // cannot happen: the graph holds only documents with a vector
            }
            out.add(new ScoredDoc(doc, VectorUtil.dotProduct(query, values.vectorValue(it.index()))));
        }
        out.sort(Comparator.comparingDouble(ScoredDoc::score).reversed().thenComparingInt(ScoredDoc::doc));
        return out;
    }

    /** The {@code k} documents passing {@code filter} with the largest dot product, by brute force. */
    static List<ScoredDoc> exact(IndexSearcher searcher, float[] query, int k, Query filter) throws IOException {
        Weight filterWeight = filter == null
                ? null
                : searcher.createWeight(searcher.rewrite(filter), ScoreMode.COMPLETE_NO_SCORES, 1f);
        // Worst of the best k on top; equal scores keep the lower doc.
        PriorityQueue<ScoredDoc> best = new PriorityQueue<>(
                Comparator.comparingDouble(ScoredDoc::score).thenComparing(ScoredDoc::doc, Comparator.reverseOrder()));
        for (LeafReaderContext ctx : searcher.getIndexReader().leaves()) {
            FloatVectorValues values = ctx.reader().getFloatVectorValues(PaperSchema.VECTOR);
            if (values == null) {
                continue;
            }
            DocIdSetIterator allowed = null;
            if (filterWeight != null) {
                Scorer scorer = filterWeight.scorer(ctx);
                if (scorer == null) {
                    continue;
                }
                allowed = scorer.iterator();
            }
            Bits live = ctx.reader().getLiveDocs();
            KnnVectorValues.DocIndexIterator it = values.iterator();
            for (int doc = it.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = it.nextDoc()) {
                if (live != null && !live.get(doc)) {
                    continue;
                }
                if (allowed != null) {
                    if (allowed.docID() < doc) {
                        allowed.advance(doc);
                    }
                    if (allowed.docID() != doc) {
                        continue;
                    }
                }
                double score = VectorUtil.dotProduct(query, values.vectorValue(it.index()));
                if (best.size() < k) {
                    best.add(new ScoredDoc(ctx.docBase + doc, score));
                } else if (score > best.peek().score()) {
                    best.poll();
                    best.add(new ScoredDoc(ctx.docBase + doc, score));
                }
            }
        }
        List<ScoredDoc> out = new ArrayList<>(best);
        out.sort(Comparator.comparingDouble(ScoredDoc::score).reversed().thenComparingInt(ScoredDoc::doc));
        return out;
    }

    /** A copy of the stored vector of {@code doc}, or {@code null} when it has none. */
    static float[] vectorOf(IndexSearcher searcher, int doc) throws IOException {
        List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
        LeafReaderContext ctx = leaves.get(ReaderUtil.subIndex(doc, leaves));
        FloatVectorValues values = ctx.reader().getFloatVectorValues(PaperSchema.VECTOR);
        if (values == null) {
            return null;
        }
        KnnVectorValues.DocIndexIterator it = values.iterator();
        int local = doc - ctx.docBase;
        if (it.advance(local) != local) {
            return null;
        }
        return values.vectorValue(it.index()).clone();
    }
}
