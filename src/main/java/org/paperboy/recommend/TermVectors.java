package org.paperboy.recommend;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The catalog's papers as sparse tf-idf vectors, the lexical half of a reader's taste: word
 * unigrams and bigrams of the title (counted twice) and the abstract after stop words, terms in at
 * least {@value #MIN_DF} papers and at most a share {@value #MAX_DF} of them (or {@value
 * #MAX_DF_FLOOR} papers in a small catalog), sublinear tf times
 * smoothed idf, each paper L2-normalised. Terms are 64-bit hashes of their text, so no vocabulary of
 * strings is kept: the hashes of the kept terms are one sorted array, and each paper's terms are
 * indices into it, in flat arrays (about 8 bytes per term of a paper).
 *
 * <p>A reader's lexical profile is the mean of the liked papers' vectors; a paper scores its dot
 * product with the profile minus its dot product with the mean of all papers: what a class-balanced
 * linear SVM with small C over all papers tends to, without training one per reader. The richer
 * vocabulary (rare terms such as method and dataset names) is what lets it beat arxiv-sanity's
 * 20,000 features (docs/recommend.md).
 */
public final class TermVectors {

    /** Least number of papers a term is in (a term of one paper can match nothing else). */
    static final int MIN_DF = 2;

    /** Largest share of the papers a term may be in (words of every other paper carry little)... */
    static final double MAX_DF = 0.2;

    /** ... unless that is fewer than this many papers: a small catalog keeps its topic words. */
    static final int MAX_DF_FLOOR = 10;

    private static final Pattern TOKEN = Pattern.compile("\\b[a-z_][a-z0-9_]+\\b");

    private static final Pattern MARKS = Pattern.compile("\\p{M}+");

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

    /** No papers, no terms. */
    static final TermVectors EMPTY = new TermVectors(new int[1], new int[0], new float[0], new double[0]);

    private final int[] offsets;
    private final int[] terms;
    private final float[] weights;
    private final double[] generic;

    private TermVectors(int[] offsets, int[] terms, float[] weights, double[] generic) {
        this.offsets = offsets;
        this.terms = terms;
        this.weights = weights;
        this.generic = generic;
    }

    /** The vectors of {@code texts}, row {@code i} for text {@code i}, fitted on those texts. */
    public static TermVectors of(List<String> texts) {
        int n = texts.size();
        long[][] hashes = new long[n][];
        int total = 0;
        for (int i = 0; i < n; i++) {
            hashes[i] = hashes(terms(texts.get(i)));
            total += hashes[i].length;
        }
        // Document frequencies: every paper's distinct hashes, sorted, counted in runs.
        long[] all = new long[total];
        int k = 0;
        for (long[] h : hashes) {
            long[] distinct = Arrays.stream(h).distinct().toArray();
            System.arraycopy(distinct, 0, all, k, distinct.length);
            k += distinct.length;
        }
        all = Arrays.copyOf(all, k);
        Arrays.sort(all);
        long[] kept = new long[k];
        int[] keptDf = new int[k];
        int v = 0;
        for (int i = 0; i < k; ) {
            int j = i;
            while (j < k && all[j] == all[i]) {
                j++;
            }
            int df = j - i;
            if (df >= MIN_DF && df <= Math.max(MAX_DF * n, MAX_DF_FLOOR)) {
                kept[v] = all[i];
                keptDf[v] = df;
                v++;
            }
            i = j;
        }
        all = null;
        long[] vocabulary = Arrays.copyOf(kept, v);
        double[] idf = new double[v];
        for (int t = 0; t < v; t++) {
            idf[t] = Math.log((1.0 + n) / (1.0 + keptDf[t])) + 1;
        }
        int[] offsets = new int[n + 1];
        List<int[]> rowTerms = new ArrayList<>(n);
        List<float[]> rowWeights = new ArrayList<>(n);
        int size = 0;
        for (int i = 0; i < n; i++) {
            Map<Integer, Integer> tf = new HashMap<>();
            for (long h : hashes[i]) {
                int t = Arrays.binarySearch(vocabulary, h);
                if (t >= 0) {
                    tf.merge(t, 1, Integer::sum);
                }
            }
            hashes[i] = null;
            int[] ids =
                    tf.keySet().stream().mapToInt(Integer::intValue).sorted().toArray();
            float[] w = new float[ids.length];
            double norm = 0;
            for (int j = 0; j < ids.length; j++) {
                double x = (1 + Math.log(tf.get(ids[j]))) * idf[ids[j]];
                w[j] = (float) x;
                norm += x * x;
            }
            norm = Math.sqrt(norm);
            for (int j = 0; j < w.length && norm > 0; j++) {
                w[j] = (float) (w[j] / norm);
            }
            rowTerms.add(ids);
            rowWeights.add(w);
            size += ids.length;
            offsets[i + 1] = size;
        }
        int[] terms = new int[size];
        float[] weights = new float[size];
        for (int i = 0; i < n; i++) {
            System.arraycopy(rowTerms.get(i), 0, terms, offsets[i], rowTerms.get(i).length);
            System.arraycopy(rowWeights.get(i), 0, weights, offsets[i], rowWeights.get(i).length);
        }
        // Each paper's dot product with the mean of all papers: how generic its words are.
        double[] mean = new double[v];
        for (int j = 0; j < size; j++) {
            mean[terms[j]] += weights[j] / Math.max(1, n);
        }
        double[] generic = new double[n];
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int j = offsets[i]; j < offsets[i + 1]; j++) {
                s += weights[j] * mean[terms[j]];
            }
            generic[i] = s;
        }
        return new TermVectors(offsets, terms, weights, generic);
    }

    /** The number of papers. */
    public int size() {
        return generic.length;
    }

    /** The mean of the vectors of {@code rows}. */
    public Profile profile(Collection<Integer> rows) {
        int entries = 0;
        for (int r : rows) {
            entries += offsets[r + 1] - offsets[r];
        }
        Profile p = new Profile(entries);
        for (int r : rows) {
            for (int j = offsets[r]; j < offsets[r + 1]; j++) {
                p.add(terms[j], weights[j] / rows.size());
            }
        }
        return p;
    }

    /** Row {@code r}'s dot product with {@code profile}, less its dot product with the mean of all papers. */
    public double score(Profile profile, int r) {
        double s = 0;
        for (int j = offsets[r]; j < offsets[r + 1]; j++) {
            s += profile.get(terms[j]) * weights[j];
        }
        return s - generic[r];
    }

    /**
     * A reader's lexical profile: term index to weight in an open-addressing table (no boxing: a
     * month's 6,000 papers of 120 terms each are 720,000 look-ups per request).
     */
    public static final class Profile {

        private final int[] keys; // term + 1; 0 is empty
        private final float[] values;
        private final int mask;

        Profile(int entries) {
            int capacity = Integer.highestOneBit(Math.max(16, entries * 2) - 1) << 1;
            keys = new int[capacity];
            values = new float[capacity];
            mask = capacity - 1;
        }

        void add(int term, float weight) {
            int i = slot(term);
            keys[i] = term + 1;
            values[i] += weight;
        }

        /** The weight of {@code term}, 0 when the profile lacks it. */
        public float get(int term) {
            int i = slot(term);
            return keys[i] == 0 ? 0 : values[i];
        }

        private int slot(int term) {
            int i = (term * 0x9E3779B9) >>> 7 & mask;
            while (keys[i] != 0 && keys[i] != term + 1) {
                i = (i + 1) & mask;
            }
            return i;
        }
    }

    /** The number of terms row {@code r} has (for tests and figures). */
    int terms(int r) {
        return offsets[r + 1] - offsets[r];
    }

    /** The terms of a text: unigrams and bigrams after stop words, lower-cased and without accents. */
    public static List<String> terms(String text) {
        String plain = MARKS.matcher(Normalizer.normalize(text, Normalizer.Form.NFD))
                .replaceAll("")
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

    private static long[] hashes(List<String> terms) {
        long[] out = new long[terms.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = hash(terms.get(i));
        }
        return out;
    }

    /** FNV-1a over the UTF-16 units, 64 bits: the odds that two of ten million terms collide are about 1 in 370,000. */
    static long hash(String s) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < s.length(); i++) {
            h ^= s.charAt(i);
            h *= 0x100000001b3L;
        }
        return h;
    }
}
