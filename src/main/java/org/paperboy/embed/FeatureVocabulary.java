package org.paperboy.embed;

import java.util.Arrays;

/**
 * The student's input features: a fixed list of word unigram and bigram hashes ({@link
 * NgramHasher}) with their inverse document frequencies. {@link #featurize} turns a text into a
 * sparse vector of sublinear TF-IDF weights, {@code (1 + ln tf) * idf}, with unit L2 norm; n-grams
 * outside the list are ignored. Immutable and thread-safe.
 */
final class FeatureVocabulary {

    private final long[] hashes;
    private final float[] idf;
    /** Open addressing, linear probing: {@code slots[i]} is a feature index + 1, 0 when empty. */
    private final long[] keys;

    private final int[] slots;
    private final int mask;

    FeatureVocabulary(long[] hashes, float[] idf) {
        if (hashes.length != idf.length) {
            throw new IllegalArgumentException(hashes.length + " hashes but " + idf.length + " idf values");
        }
        this.hashes = hashes.clone();
        this.idf = idf.clone();
        int capacity = Integer.highestOneBit(Math.max(4, hashes.length * 2 + 1)) * 2;
        this.keys = new long[capacity];
        this.slots = new int[capacity];
        this.mask = capacity - 1;
        for (int i = 0; i < hashes.length; i++) {
            long h = hashes[i];
            if (h == 0) {
                throw new IllegalArgumentException("feature " + i + " has the hash 0");
            }
            int s = slot(h);
            while (keys[s] != 0) {
                if (keys[s] == h) {
                    throw new IllegalArgumentException("feature " + i + " repeats hash " + Long.toHexString(h));
                }
                s = (s + 1) & mask;
            }
            keys[s] = h;
            slots[s] = i + 1;
        }
    }

    int size() {
        return hashes.length;
    }

    long hash(int feature) {
        return hashes[feature];
    }

    float idf(int feature) {
        return idf[feature];
    }

    /** The index of the feature with this hash, or -1. */
    int indexOf(long hash) {
        int s = slot(hash);
        while (true) {
            long k = keys[s];
            if (k == hash) {
                return slots[s] - 1;
            }
            if (k == 0) {
                return -1;
            }
            s = (s + 1) & mask;
        }
    }

    private int slot(long h) {
        return (int) (h ^ (h >>> 32)) & mask;
    }

    /**
     * Reusable buffers for one thread's texts: after {@link #featurize}, {@code features[0..size)}
     * holds distinct feature indices in increasing order and {@code weights} their weights.
     */
    static final class Row implements NgramHasher.Sink {
        int[] features = new int[256];
        float[] weights = new float[256];
        int size;
        private FeatureVocabulary vocabulary;

        @Override
        public void accept(long hash) {
            int f = vocabulary.indexOf(hash);
            if (f >= 0) {
                if (size == features.length) {
                    features = Arrays.copyOf(features, size * 2);
                    weights = Arrays.copyOf(weights, size * 2);
                }
                features[size++] = f;
            }
        }
    }

    /** Fills {@code row} with the unit-length sublinear TF-IDF vector of {@code text}; empty when no n-gram is known. */
    void featurize(CharSequence text, Row row) {
        row.vocabulary = this;
        row.size = 0;
        NgramHasher.hash(text, row);
        int n = row.size;
        int[] f = row.features;
        Arrays.sort(f, 0, n);
        int out = 0;
        double norm = 0;
        for (int i = 0; i < n; ) {
            int j = i + 1;
            while (j < n && f[j] == f[i]) {
                j++;
            }
            float w = (float) ((1 + Math.log(j - i)) * idf[f[i]]);
            f[out] = f[i];
            row.weights[out] = w;
            norm += (double) w * w;
            out++;
            i = j;
        }
        row.size = out;
        if (norm > 0) {
            float scale = (float) (1 / Math.sqrt(norm));
            for (int i = 0; i < out; i++) {
                row.weights[i] *= scale;
            }
        }
    }
}
