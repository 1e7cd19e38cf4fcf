package org.paperboy.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.paperboy.recommend.TermVectors;

/**
 * arxiv-sanity-lite's text features, written anew: lower-cased, accent-stripped words of two or
 * more characters starting with a letter, English stop words removed, unigrams and bigrams, terms
 * in at least {@code minDf} documents and at most {@code maxDf} of them, the {@code maxFeatures}
 * most frequent kept, sublinear tf times smoothed idf, each document L2-normalised.
 */
public final class TfIdf {

    /** A sparse, unit-length document vector: sorted term indices and their weights. */
    public record Doc(int[] terms, float[] weights) {

        public double dot(double[] w) {
            double s = 0;
            for (int i = 0; i < terms.length; i++) {
                s += weights[i] * w[terms[i]];
            }
            return s;
        }
    }

    private final List<Doc> docs;
    private final int features;

    private TfIdf(List<Doc> docs, int features) {
        this.docs = docs;
        this.features = features;
    }

    /** The features of {@code texts} fitted on those texts. */
    public static TfIdf fit(List<String> texts, int minDf, double maxDf, int maxFeatures) {
        List<List<String>> tokenised = new ArrayList<>(texts.size());
        Map<String, int[]> stats = new HashMap<>(); // term -> {document frequency, total count}
        for (String t : texts) {
            List<String> terms = terms(t);
            tokenised.add(terms);
            Map<String, Integer> seen = new HashMap<>();
            for (String term : terms) {
                seen.merge(term, 1, Integer::sum);
            }
            seen.forEach((term, n) -> {
                int[] s = stats.computeIfAbsent(term, k -> new int[2]);
                s[0]++;
                s[1] += n;
            });
        }
        int n = texts.size();
        List<Map.Entry<String, int[]>> kept = new ArrayList<>();
        for (Map.Entry<String, int[]> e : stats.entrySet()) {
            int df = e.getValue()[0];
            if (df >= minDf && df <= maxDf * n) {
                kept.add(e);
            }
        }
        kept.sort((a, b) -> b.getValue()[1] != a.getValue()[1]
                ? Integer.compare(b.getValue()[1], a.getValue()[1])
                : a.getKey().compareTo(b.getKey()));
        if (kept.size() > maxFeatures) {
            kept = kept.subList(0, maxFeatures);
        }
        Map<String, Integer> index = new HashMap<>();
        double[] idf = new double[kept.size()];
        for (int i = 0; i < kept.size(); i++) {
            index.put(kept.get(i).getKey(), i);
            idf[i] = Math.log((1.0 + n) / (1.0 + kept.get(i).getValue()[0])) + 1;
        }
        List<Doc> docs = new ArrayList<>(n);
        for (List<String> terms : tokenised) {
            Map<Integer, Integer> tf = new HashMap<>();
            for (String term : terms) {
                Integer i = index.get(term);
                if (i != null) {
                    tf.merge(i, 1, Integer::sum);
                }
            }
            int[] ids =
                    tf.keySet().stream().mapToInt(Integer::intValue).sorted().toArray();
            float[] w = new float[ids.length];
            double norm = 0;
            for (int j = 0; j < ids.length; j++) {
                double v = (1 + Math.log(tf.get(ids[j]))) * idf[ids[j]];
                w[j] = (float) v;
                norm += v * v;
            }
            norm = Math.sqrt(norm);
            for (int j = 0; j < w.length && norm > 0; j++) {
                w[j] /= (float) norm;
            }
            docs.add(new Doc(ids, w));
        }
        return new TfIdf(docs, kept.size());
    }

    /** Unigrams and bigrams of {@code text} after stop words are removed (the recommender's own rules). */
    static List<String> terms(String text) {
        return TermVectors.terms(text);
    }

    public Doc doc(int i) {
        return docs.get(i);
    }

    public int features() {
        return features;
    }

    @Override
    public String toString() {
        return "TfIdf[" + docs.size() + " docs, " + features + " features" + Arrays.toString(new int[0]) + "]";
    }
}
