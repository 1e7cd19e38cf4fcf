package org.paperboy.embed;

/**
 * The student embedder's tokenizer: a text's words are its maximal runs of letters and digits,
 * lowercased; each word and each pair of adjacent words becomes one 64-bit hash, computed while
 * the characters are scanned (no string per word). Hashes are never 0, which a {@link
 * FeatureVocabulary} uses as its empty slot. The same text always gives the same hashes, on every
 * machine and JDK.
 */
final class NgramHasher {

    /** Receives the hashes of one text in text order: each word, then the pair ending with it. */
    interface Sink {
        void accept(long hash);
    }

    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;
    private static final long BIGRAM_SALT = 0x9e3779b97f4a7c15L;

    /** Lowercase of each ASCII character, or 0 when it is not a letter or digit. */
    private static final char[] ASCII = new char[128];

    static {
        for (char c = '0'; c <= '9'; c++) {
            ASCII[c] = c;
        }
        for (char c = 'a'; c <= 'z'; c++) {
            ASCII[c] = c;
            ASCII[c - 'a' + 'A'] = c;
        }
    }

    private NgramHasher() {}

    /** Calls {@code sink} with the unigram and bigram hashes of {@code text}. */
    static void hash(CharSequence text, Sink sink) {
        long word = FNV_OFFSET;
        boolean inWord = false;
        long previous = 0;
        int n = text.length();
        for (int i = 0; i <= n; i++) {
            char c = i < n ? text.charAt(i) : ' ';
            char lower;
            if (c < 128) {
                lower = ASCII[c];
            } else {
                lower = Character.isLetterOrDigit(c) ? Character.toLowerCase(c) : 0;
            }
            if (lower != 0) {
                word = (word ^ lower) * FNV_PRIME;
                inWord = true;
            } else if (inWord) {
                long unigram = nonZero(mix(word));
                sink.accept(unigram);
                if (previous != 0) {
                    sink.accept(nonZero(mix(previous * 31 + Long.rotateLeft(unigram, 17) ^ BIGRAM_SALT)));
                }
                previous = unigram;
                word = FNV_OFFSET;
                inWord = false;
            }
        }
    }

    /** Receives each n-gram of a text with its hash, as {@link #texts} finds them. */
    interface TextSink {
        void accept(long hash, String ngram);
    }

    /**
     * Calls {@code sink} with each n-gram of {@code text} as text (the lowercased word, or the two
     * words joined by one space) and its hash, in the order and with the hashes {@link #hash}
     * gives; for training, where a feature's text is wanted (it allocates a string per n-gram).
     */
    static void texts(CharSequence text, TextSink sink) {
        StringBuilder word = new StringBuilder();
        String previous = null;
        int n = text.length();
        for (int i = 0; i <= n; i++) {
            char c = i < n ? text.charAt(i) : ' ';
            char lower;
            if (c < 128) {
                lower = ASCII[c];
            } else {
                lower = Character.isLetterOrDigit(c) ? Character.toLowerCase(c) : 0;
            }
            if (lower != 0) {
                word.append(lower);
            } else if (!word.isEmpty()) {
                String w = word.toString();
                word.setLength(0);
                long[] hashes = new long[3];
                int[] count = {0};
                String ngram = previous == null ? w : previous + " " + w;
                hash(ngram, h -> hashes[count[0]++] = h);
                sink.accept(hashes[previous == null ? 0 : 1], w);
                if (previous != null) {
                    sink.accept(hashes[2], ngram);
                }
                previous = w;
            }
        }
    }

    /** The unigram hash of one word as {@link #hash} computes it (lowercased; letters and digits only). */
    static long word(String word) {
        long[] out = new long[1];
        hash(word, h -> {
            if (out[0] == 0) {
                out[0] = h;
            }
        });
        return out[0];
    }

    /** SplitMix64's finalizer (Steele, Lea and Flood 2014): spreads FNV's weak low bits. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    private static long nonZero(long h) {
        return h == 0 ? 1 : h;
    }
}
