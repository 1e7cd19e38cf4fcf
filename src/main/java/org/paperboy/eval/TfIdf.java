package org.paperboy.eval;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

    private static final Pattern TOKEN = Pattern.compile("\\b[a-z_][a-z0-9_]+\\b");

    // A short English stop list of our own (function words and the most common verbs).
    private static final Set<String> STOP = Set.of(
            "a", "about", "above", "after", "again", "against", "all", "also", "am", "an", "and", "any", "are", "as",
            "at", "be", "because", "been", "before", "being", "below", "between", "both", "but", "by", "can", "could",
            "did", "do", "does", "doing", "down", "during", "each", "either", "etc", "few", "for", "from", "further",
            "had", "has", "have", "having", "he", "her", "here", "hers", "him", "his", "how", "however", "i", "if",
            "in", "into", "is", "it", "its", "itself", "just", "may", "me", "might", "more", "most", "much", "must",
            "my", "neither", "no", "nor", "not", "now", "of", "off", "often", "on", "once", "only", "or", "other",
            "our", "ours", "out", "over", "own", "per", "rather", "same", "she", "should", "since", "so", "some",
            "such", "than", "that", "the", "their", "them", "then", "there", "these", "they", "this", "those",
            "through", "thus", "to", "too", "under", "until", "up", "upon", "us", "very", "via", "was", "we", "well",
            "were", "what", "when", "where", "whether", "which", "while", "who", "whom", "why", "will", "with",
            "within", "without", "would", "yet", "you", "your");

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

    /** Unigrams and bigrams of {@code text} after stop words are removed. */
    static List<String> terms(String text) {
        String plain = Normalizer.normalize(text, Normalizer.Form.NFD)
                .replaceAll("\\p{M}+", "")
                .toLowerCase(Locale.ROOT);
        List<String> words = new ArrayList<>();
        Matcher m = TOKEN.matcher(plain);
        while (m.find()) {
            String w = m.group();
            if (!STOP.contains(w)) {
                words.add(w);
            }
        }
        List<String> out = new ArrayList<>(words.size() * 2);
        out.addAll(words);
        for (int i = 0; i + 1 < words.size(); i++) {
            out.add(words.get(i) + " " + words.get(i + 1));
        }
        return out;
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
